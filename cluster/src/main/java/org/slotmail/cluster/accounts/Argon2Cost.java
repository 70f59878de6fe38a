package org.slotmail.cluster.accounts;

/**
 * The work factors of an Argon2id hash: memory in KiB, passes over it, lanes. Raising them
 * makes each guess dearer for an attacker holding the database, and each login slower for us.
 */
public record Argon2Cost(int memoryKib, int iterations, int parallelism) {
    /** OWASP's first recommendation for Argon2id: 19 MiB, two passes, one lane. */
    public static final Argon2Cost DEFAULT = new Argon2Cost(19_456, 2, 1);

    // Bounds also guard verification against a hash string that asks for absurd work.
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 1_000;
    static final int MAX_PARALLELISM = 64;

    public Argon2Cost {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("argon2 parallelism must be 1.." + MAX_PARALLELISM + ": " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("argon2 iterations must be 1.." + MAX_ITERATIONS + ": " + iterations);
        }
        // Argon2 needs at least 8 KiB per lane.
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException(
                    "argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB: " + memoryKib);
        }
    }
}
