package org.slotmail.lmtp.syntax;

import java.util.Optional;

/** The BODY parameter of MAIL (RFC 6152 §2); BINARYMIME is not offered. */
public enum BodyType {
    SEVEN_BIT("7BIT"),
    EIGHT_BIT_MIME("8BITMIME");

    private final String keyword;

    BodyType(String keyword) {
        this.keyword = keyword;
    }

    static Optional<BodyType> of(String value) {
        for (BodyType type : values()) {
            if (type.keyword.equalsIgnoreCase(value)) return Optional.of(type);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keyword;
    }
}
