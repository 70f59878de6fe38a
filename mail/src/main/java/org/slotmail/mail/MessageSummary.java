package org.slotmail.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * What is parsed from a message once, at delivery, and cached beside its record: the envelope,
 * the body structure, and the size of the header block.
 */
public record MessageSummary(Envelope envelope, BodyStructure body, long headerSize) {
    /** Parses a whole message read from {@code in}. */
    public static MessageSummary parse(InputStream in) throws IOException {
        throw new UnsupportedOperationException("parser being written");
    }

    /** A compact binary form for the cache. */
    public byte[] toBytes() {
        throw new UnsupportedOperationException("codec being written");
    }

    public static MessageSummary fromBytes(byte[] bytes) {
        throw new UnsupportedOperationException("codec being written");
    }
}
