package org.slotmail.mailbox;

import java.util.HexFormat;

/**
 * A message GUID: the SHA-256 of its exact bytes, as 64 lower-case hex digits. A value class
 * rather than a record so that a GUID made from digest bytes (every record read) skips the
 * validation its text form needs.
 */
public final class Guid implements Comparable<Guid> {
    private static final HexFormat HEX = HexFormat.of();
    private final String hex;

    private Guid(String hex, boolean checked) {
        this.hex = hex;
    }

    /** A GUID from its text form; anything but 64 lower-case hex digits is refused. */
    public Guid(String hex) {
        this(check(hex), true);
    }

    private static String check(String hex) {
        if (hex == null || hex.length() != 64) throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
            }
        }
        return hex;
    }

    public static Guid of(byte[] sha256) {
        if (sha256.length != 32) throw new IllegalArgumentException("SHA-256 is 32 bytes");
        return new Guid(HEX.formatHex(sha256), true);
    }

    public String hex() {
        return hex;
    }

    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public int compareTo(Guid o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Guid g && g.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return hex;
    }
}
