package org.slotmail.slot.admin;

import java.io.IOException;
import java.time.Duration;
import org.slotmail.slot.api.DrainResult;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.slot.api.SlotStatus;

/** What the admin API may ask of a running slot (DESIGN §4's failover steps need each of these). */
public interface SlotControl {
    SlotStatus status();

    /** Stops the client listeners: idle sessions are told at once, running commands get up to {@code grace}. */
    void stopListeners(Duration grace);

    /** Starts the client listeners again, on the ports they had; nothing happens when they are up. */
    void startListeners() throws IOException;

    /**
     * Takes {@code role} now. Becoming a replica closes every client session (after a short grace), so
     * no session logged in on the master goes on changing mail on a replica.
     */
    void changeRole(SlotRole role) throws IOException;

    /** Waits up to {@code timeout} for every channel to empty. */
    DrainResult drain(Duration timeout) throws InterruptedException;
}
