package org.slotmail.sync.protocol;

import java.io.IOException;

/** The other side answered with a {@link SyncMessage.Failure}: its code and what it said. */
public final class RemoteFailure extends IOException {
    private final ErrorCode code;

    public RemoteFailure(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
