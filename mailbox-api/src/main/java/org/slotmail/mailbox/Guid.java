package org.slotmail.mailbox;

import java.util.HexFormat;

/** A message GUID: the SHA-256 of its exact bytes, as 64 lower-case hex digits. */
public record Guid(String hex) implements Comparable<Guid> {
    public Guid {
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + hex);
        }
    }

    public static Guid of(byte[] sha256) {
        if (sha256.length != 32) throw new IllegalArgumentException("SHA-256 is 32 bytes");
        return new Guid(HexFormat.of().formatHex(sha256));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public int compareTo(Guid o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
