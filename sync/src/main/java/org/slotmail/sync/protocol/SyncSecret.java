package org.slotmail.sync.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The replication secret the slots of a cluster share: both ends of a sync connection prove they
 * know it without sending it. Since anyone who can connect may try to guess it offline from a
 * captured proof, it must be long and random (at least 16 bytes; 32 random bytes in base64 are
 * what {@code config render} generates). Never printed.
 */
public final class SyncSecret {
    public static final int MIN_BYTES = 16;
    private final byte[] key;

    private SyncSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("the replication secret must be at least " + MIN_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    public static SyncSecret of(byte[] key) {
        return new SyncSecret(key);
    }

    /** The secret as configured (its UTF-8 bytes are the key). */
    public static SyncSecret of(String text) {
        return new SyncSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncSecret s && java.security.MessageDigest.isEqual(s.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "SyncSecret[***]";
    }
}
