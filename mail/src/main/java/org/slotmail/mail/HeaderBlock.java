package org.slotmail.mail;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * The header fields of one entity that the envelope and body structure need: the first occurrence
 * of each, unfolded, at most {@link #MAX_VALUE_BYTES} of its value. Everything else is dropped as
 * it streams past, so a header of any length costs bounded memory here.
 */
final class HeaderBlock {
    /** Longest value kept per field; real values are far shorter (RFC 5322 §2.1.1: 998 per line). */
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private static final Set<String> WANTED = Set.of(
            "date",
            "subject",
            "from",
            "sender",
            "reply-to",
            "to",
            "cc",
            "bcc",
            "in-reply-to",
            "message-id",
            "content-type",
            "content-transfer-encoding",
            "content-id",
            "content-description",
            "content-md5",
            "content-disposition",
            "content-language",
            "content-location");

    private final Map<String, byte[]> values = new HashMap<>();

    void add(Field field) {
        String name = field.getName();
        if (name == null) return;
        name = name.toLowerCase(Locale.ROOT);
        if (!WANTED.contains(name) || values.containsKey(name)) return;
        values.put(name, rawValue(field));
    }

    private static byte[] rawValue(Field field) {
        ByteSequence raw = field.getRaw();
        if (raw != null && field instanceof RawField rawField && rawField.getDelimiterIdx() >= 0) {
            int from = rawField.getDelimiterIdx() + 1;
            int to = (int) Math.min(raw.length(), (long) from + MAX_VALUE_BYTES);
            byte[] bytes = new byte[Math.max(0, to - from)];
            for (int i = 0; i < bytes.length; i++) bytes[i] = raw.byteAt(from + i);
            return HeaderText.unfold(bytes, 0, bytes.length);
        }
        // Fields built without raw bytes (not produced by the token stream, kept for safety).
        String body = field.getBody();
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return HeaderText.unfold(bytes, 0, Math.min(bytes.length, MAX_VALUE_BYTES));
    }

    /** The unfolded value bytes of a field (name in lower case), or null when absent. */
    byte[] bytes(String name) {
        return values.get(name);
    }

    /** The unfolded value of a field as trimmed text, or null when absent. */
    String text(String name) {
        byte[] bytes = values.get(name);
        return bytes == null ? null : HeaderText.trim(HeaderText.decode(bytes));
    }
}
