package org.slotmail.slot;

import java.util.Objects;
import java.util.Optional;

/** The admin API: its port on the slot's address (-1: off, 0: any free port) and the bearer token it requires. */
public record AdminSettings(int port, Optional<Secret> token) {
    public AdminSettings {
        Objects.requireNonNull(token, "token");
        Ports.check("admin", port);
        if (port >= 0 && token.isEmpty()) throw new IllegalArgumentException("the admin API needs a token");
    }

    public static AdminSettings off() {
        return new AdminSettings(-1, Optional.empty());
    }

    public static AdminSettings on(int port, Secret token) {
        return new AdminSettings(port, Optional.of(token));
    }
}
