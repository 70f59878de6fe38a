package org.slotmail.cluster.accounts;

import java.util.Base64;
import java.util.Optional;

/**
 * One stored Argon2id hash in the PHC string format, {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with salt and hash in unpadded base64. The
 * format carries its own parameters, so old hashes still verify after the cost changes.
 */
record PasswordHash(Argon2Cost cost, byte[] salt, byte[] hash) {
    static final String ALGORITHM = "argon2id";
    static final int VERSION = 19;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Reads a PHC string; empty if it is not an Argon2id v19 hash we can verify. */
    static Optional<PasswordHash> parse(String phc) {
        String[] fields = phc.split("\\$", -1);
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (fields.length != 6 || !fields[0].isEmpty() || !fields[1].equals(ALGORITHM)) return Optional.empty();
        if (!fields[2].equals("v=" + VERSION)) return Optional.empty();
        String[] params = fields[3].split(",", -1);
        if (params.length != 3) return Optional.empty();
        try {
            Argon2Cost cost =
                    new Argon2Cost(intParam(params[0], "m="), intParam(params[1], "t="), intParam(params[2], "p="));
            byte[] salt = DECODER.decode(fields[4]);
            byte[] hash = DECODER.decode(fields[5]);
            if (salt.length < 8 || hash.length < 16) return Optional.empty();
            return Optional.of(new PasswordHash(cost, salt, hash));
        } catch (IllegalArgumentException e) { // bad number, bad base64, cost out of bounds
            return Optional.empty();
        }
    }

    private static int intParam(String param, String name) {
        if (!param.startsWith(name)) throw new IllegalArgumentException("expected " + name);
        return Integer.parseInt(param.substring(name.length()));
    }

    /** The PHC string. */
    String format() {
        return "$" + ALGORITHM + "$v=" + VERSION + "$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p="
                + cost.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    // A record prints its components; the hash must never reach a log.
    @Override
    public String toString() {
        return "PasswordHash[" + cost + "]";
    }
}
