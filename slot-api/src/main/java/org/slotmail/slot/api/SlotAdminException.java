package org.slotmail.slot.api;

import java.io.IOException;

/** A slot refused an admin call: the HTTP status and the slot's one-line reason. */
public final class SlotAdminException extends IOException {
    private final int status;

    public SlotAdminException(int status, String reason) {
        super("slot answered " + status + ": " + reason);
        this.status = status;
    }

    /** The HTTP status code (401 bad token, 400 bad request, 409 not possible now, ...). */
    public int status() {
        return status;
    }
}
