package org.slotmail.slot.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A port as the file writes it: a number (0 for any free port) or {@code off} (quoted or not);
 * {@link #value} is -1 when off.
 */
public record Port(int value) {
    public static final Port OFF = new Port(-1);

    public Port {
        if (value < -1 || value > 65535)
            throw new IllegalArgumentException("port must be 0-65535 or off, not " + value);
    }

    public static Port of(int port) {
        return new Port(port);
    }

    @JsonCreator
    static Port parse(Object written) {
        return switch (written) {
            case Integer i -> new Port(i);
            // YAML 1.1 reads an unquoted off as false.
            case Boolean b when !b -> OFF;
            case String s when s.strip().equals("off") -> OFF;
            case String s when s.strip().matches("[0-9]{1,5}") -> new Port(Integer.parseInt(s.strip()));
            default ->
                throw new IllegalArgumentException("port must be a number 0-65535 or off, not '" + written + "'");
        };
    }

    @JsonValue
    Object written() {
        return value < 0 ? "off" : value;
    }
}
