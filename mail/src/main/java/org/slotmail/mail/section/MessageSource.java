package org.slotmail.mail.section;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stored bytes of one message, readable as often as needed: a section is located in one pass
 * and its bytes are read in another, so a large message is never held in memory.
 */
@FunctionalInterface
public interface MessageSource {
    /** A new stream over the whole message from its first byte; the caller closes it. */
    InputStream open() throws IOException;

    /** A source over bytes already in memory. */
    static MessageSource of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    /** A source over a file. */
    static MessageSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
