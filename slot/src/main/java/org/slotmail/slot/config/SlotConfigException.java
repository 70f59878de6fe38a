package org.slotmail.slot.config;

/** A configuration file that cannot be used; the message is one line naming the file and what is wrong. */
public final class SlotConfigException extends RuntimeException {
    public SlotConfigException(String message) {
        super(message);
    }
}
