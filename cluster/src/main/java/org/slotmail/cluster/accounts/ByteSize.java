package org.slotmail.cluster.accounts;

import java.util.Locale;

/**
 * A size in bytes as operators write it: {@code 1048576}, {@code 1024K}, {@code 500M}, {@code
 * 2G}, {@code 1T} (binary multiples, as mail quotas customarily are; {@code MB} and {@code MiB}
 * mean the same as {@code M}).
 */
public record ByteSize(long bytes) {
    private static final String UNITS = "KMGT";

    public ByteSize {
        if (bytes < 0) throw new IllegalArgumentException("negative size: " + bytes);
    }

    /** Reads a size; throws {@link IllegalArgumentException} with a one-line reason. */
    public static ByteSize parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        int digits = 0;
        while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') digits++;
        if (digits == 0) throw badSize(text);
        String unit = s.substring(digits);
        if (unit.endsWith("IB")) unit = unit.substring(0, unit.length() - 2);
        else if (unit.endsWith("B")) unit = unit.substring(0, unit.length() - 1);
        int power = unit.isEmpty() ? 0 : UNITS.indexOf(unit) + 1;
        if (unit.length() > 1 || power == 0 && !unit.isEmpty()) throw badSize(text);
        try {
            long value = Long.parseLong(s.substring(0, digits));
            return new ByteSize(Math.multiplyExact(value, 1L << (10 * power)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }

    private static IllegalArgumentException badSize(String text) {
        return new IllegalArgumentException(
                "size '" + text + "' is not a number of bytes with an optional K, M, G or T (e.g. 500M)");
    }

    /** The shortest exact form: {@code 500M} for 524288000, plain bytes when no unit divides it. */
    @Override
    public String toString() {
        int power = 0;
        long value = bytes;
        while (value != 0 && value % 1024 == 0 && power < UNITS.length()) {
            value /= 1024;
            power++;
        }
        return power == 0 ? Long.toString(value) : value + UNITS.substring(power - 1, power);
    }
}
