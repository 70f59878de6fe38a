package org.slotmail.mailbox;

/** A change of flags as IMAP STORE expresses it: add, remove, or replace with a given set. */
public record FlagUpdate(Mode mode, Flags flags) {
    /** How the flags are combined with the stored ones. */
    public enum Mode {
        ADD,
        REMOVE,
        REPLACE
    }

    public Flags applyTo(Flags current) {
        return switch (mode) {
            case ADD -> current.with(flags);
            case REMOVE -> current.without(flags);
            case REPLACE -> flags;
        };
    }
}
