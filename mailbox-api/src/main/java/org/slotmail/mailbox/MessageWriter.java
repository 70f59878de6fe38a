package org.slotmail.mailbox;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives a new message's bytes as they arrive, so large messages are never held whole in
 * memory. Write the exact bytes to {@link #body()}, then {@link #finish()}; closing without
 * finishing discards them.
 */
public interface MessageWriter extends AutoCloseable {
    OutputStream body();

    StagedMessage finish() throws IOException;

    @Override
    void close();
}
