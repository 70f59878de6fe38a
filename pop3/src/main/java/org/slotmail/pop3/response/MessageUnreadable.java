package org.slotmail.pop3.response;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reading a stored message failed after its {@code +OK} had been written: the response cannot be
 * completed, and the connection must end without the terminating dot so the client knows the
 * message is incomplete. Distinct from an {@link IOException} of the client's socket.
 */
public final class MessageUnreadable extends UncheckedIOException {
    MessageUnreadable(IOException cause) {
        super("stored message unreadable: " + cause.getMessage(), cause);
    }
}
