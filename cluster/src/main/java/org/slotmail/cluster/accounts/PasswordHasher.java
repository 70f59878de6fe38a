package org.slotmail.cluster.accounts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords with Argon2id (RFC 9106), storing PHC strings. New hashes use
 * the configured cost; {@link #needsRehash} tells when a stored one was made with another.
 */
public final class PasswordHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Cost cost;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Argon2Cost cost) {
        this.cost = cost;
    }

    /** The cost new hashes are made with. */
    public Argon2Cost cost() {
        return cost;
    }

    /** A new PHC string for the password, with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(cost, salt, derive(password, cost, salt, HASH_BYTES)).format();
    }

    /** Whether the password matches the stored PHC string; false for a string we cannot read. */
    public boolean verify(char[] password, String phc) {
        Optional<PasswordHash> stored = PasswordHash.parse(phc);
        if (stored.isEmpty()) return false;
        PasswordHash h = stored.get();
        byte[] candidate = derive(password, h.cost(), h.salt(), h.hash().length);
        // Constant time: how far the bytes agree must not show in how long the answer takes.
        return MessageDigest.isEqual(candidate, h.hash());
    }

    /** Whether a stored hash should be replaced at the next successful login. */
    public boolean needsRehash(String phc) {
        return PasswordHash.parse(phc)
                .map(h -> !h.cost().equals(cost) || h.salt().length != SALT_BYTES || h.hash().length != HASH_BYTES)
                .orElse(true);
    }

    private static byte[] derive(char[] password, Argon2Cost cost, byte[] salt, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = utf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    // Encodes without a String, so the password does not linger in an immutable object.
    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }
}
