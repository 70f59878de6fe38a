package org.slotmail.slot.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a slot is to its store: the one master that serves clients, or a replica that changes only through sync. */
public enum SlotRole {
    MASTER,
    REPLICA;

    /** The name in configuration files and JSON: {@code master} or {@code replica}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code master} or {@code replica}; anything else is refused with a one-line reason. */
    @JsonCreator
    public static SlotRole parse(String text) {
        for (SlotRole role : values()) {
            if (role.wireName().equals(text)) return role;
        }
        throw new IllegalArgumentException("role must be master or replica, not '" + text + "'");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
