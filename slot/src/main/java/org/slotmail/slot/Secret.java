package org.slotmail.slot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A shared secret (the admin token, the replication secret). Its {@code toString} never shows it,
 * so a configuration printed or logged by mistake leaks nothing.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("a secret must not be empty");
        this.value = value.strip();
    }

    /** The secret itself, for the few places that send or compare it. */
    public String reveal() {
        return value;
    }

    /**
     * Whether {@code offered} is this secret, in time that depends on neither's contents nor length:
     * both are hashed first, so the comparison is always of 32 bytes.
     */
    public boolean matches(String offered) {
        if (offered == null) return false;
        return MessageDigest.isEqual(sha256(value), sha256(offered));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(sha256(value), sha256(other.value));
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
