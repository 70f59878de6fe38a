package org.slotmail.mailbox;

import java.util.HexFormat;

/**
 * A message GUID: the SHA-256 of its exact bytes, as 64 lower-case hex digits. A value class
 * rather than a record so that a GUID made from digest bytes (every record read) skips the
 * validation its text form needs.
 */
public final class Guid implements Comparable<Guid> {
    private static final HexFormat HEX = HexFormat.of();
    // One of the two is set at construction, the other made when first asked for: records are
    // read by the hundred thousand, and most readers never look at the GUID's text.
    private volatile String hex;
    private volatile byte[] raw;

    private Guid(String hex, byte[] raw) {
        this.hex = hex;
        this.raw = raw;
    }

    /** A GUID from its text form; anything but 64 lower-case hex digits is refused. */
    public Guid(String hex) {
        this(check(hex), null);
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

    /**
     * A GUID that takes {@code sha256} as it is, without a copy, for readers that made the array
     * themselves: the caller must never change it afterwards.
     */
    public static Guid adopt(byte[] sha256) {
        if (sha256.length != 32) throw new IllegalArgumentException("SHA-256 is 32 bytes");
        return new Guid(null, sha256);
    }

    public static Guid of(byte[] sha256) {
        if (sha256.length != 32) throw new IllegalArgumentException("SHA-256 is 32 bytes");
        return new Guid(null, sha256.clone());
    }

    public String hex() {
        String h = hex;
        if (h == null) hex = h = HEX.formatHex(raw);
        return h;
    }

    public byte[] bytes() {
        return raw().clone();
    }

    private byte[] raw() {
        byte[] r = raw;
        if (r == null) raw = r = HEX.parseHex(hex);
        return r;
    }

    /** Lower-case hex order equals unsigned byte order. */
    @Override
    public int compareTo(Guid o) {
        return java.util.Arrays.compareUnsigned(raw(), o.raw());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Guid g && java.util.Arrays.equals(g.raw(), raw());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(raw());
    }

    @Override
    public String toString() {
        return hex();
    }
}
