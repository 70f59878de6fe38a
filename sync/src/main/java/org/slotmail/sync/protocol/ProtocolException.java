package org.slotmail.sync.protocol;

import java.io.IOException;

/**
 * The peer sent bytes that are not the sync protocol: a frame too large, a truncated or unknown
 * message, a value out of range, or a message where another was due. The connection cannot be
 * trusted to stay in step afterwards, so whoever gets one answers (if it can) and closes.
 */
public class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
