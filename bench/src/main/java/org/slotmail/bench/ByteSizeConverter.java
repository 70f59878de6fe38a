package org.slotmail.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Message sizes as people write them: {@code 4096}, {@code 4k}, {@code 64K}, {@code 1m} (binary units). */
public final class ByteSizeConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        int multiplier = 1;
        if (text.endsWith("k") || text.endsWith("m")) {
            multiplier = text.endsWith("k") ? 1024 : 1024 * 1024;
            text = text.substring(0, text.length() - 1);
        }
        try {
            return Math.multiplyExact(Integer.parseInt(text), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("not a size: '" + value + "' (use e.g. 4096, 4k or 64k)");
        }
    }
}
