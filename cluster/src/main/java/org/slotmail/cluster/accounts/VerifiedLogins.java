package org.slotmail.cluster.accounts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, in memory only, which (account, password) pairs were verified recently, so a client
 * that reconnects all day pays for Argon2id once an hour instead of at every login — what
 * Dovecot's auth cache does. Only successes are remembered, so guessing always costs the full
 * hash; an entry is bound to the stored hash it was checked against, so a password change ends
 * it at once. The password itself is never kept: only an HMAC-SHA256 of it under a random key
 * that lives and dies with the process.
 */
final class VerifiedLogins {
    private static final Duration TTL = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(String storedHash, byte[] mac, Instant expires) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    VerifiedLogins(Clock clock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.clock = clock;
    }

    /** Whether this password was verified for this account, against this stored hash, recently. */
    boolean known(String address, String storedHash, char[] password) {
        Entry e = entries.get(address);
        if (e == null || !e.storedHash().equals(storedHash) || clock.instant().isAfter(e.expires())) return false;
        return MessageDigest.isEqual(e.mac(), mac(address, password));
    }

    void remember(String address, String storedHash, char[] password) {
        // A bound, not an eviction policy: past it everyone pays for one hash again.
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(
                address,
                new Entry(storedHash, mac(address, password), clock.instant().plus(TTL)));
    }

    private byte[] mac(String address, char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(address.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(bytes);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            if (bytes.hasArray()) Arrays.fill(bytes.array(), (byte) 0);
        }
    }
}
