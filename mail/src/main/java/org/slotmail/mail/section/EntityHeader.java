package org.slotmail.mail.section;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * What the layout needs from one entity's header: its media type, multipart boundary and
 * content-transfer-encoding. It must decide exactly as {@code MessageSummary.parse} does, or part
 * numbers would not match BODYSTRUCTURE, so fields are built by mime4j's own field builder and
 * the type is chosen by the rules of mime4j's default body descriptor builder (not public, so
 * restated here): the first Content-Type that is valid wins; a multipart without a boundary is no
 * type at all; the default is message/rfc822 inside multipart/digest (RFC 2046 §5.1.5) and
 * text/plain elsewhere (RFC 2045 §5.2).
 */
final class EntityHeader {
    /** The media type, lower case, and the boundary when it is a multipart. */
    record ContentType(String type, String subtype, String boundary) {
        String mimeType() {
            return type + "/" + subtype;
        }

        boolean isMultipart() {
            return boundary != null;
        }

        /** message/global is RFC 6532 §3.7's internationalised message/rfc822. */
        boolean isMessage() {
            return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
        }
    }

    private String type;
    private String subtype;
    private String boundary;
    private String encoding;

    /** Takes one raw field, its lines as written; fields mime4j would reject are ignored. */
    void add(ByteArrayBuffer raw) {
        if (raw == null) return;
        RawField field;
        try {
            DefaultFieldBuilder builder = new DefaultFieldBuilder(-1);
            builder.append(raw);
            field = builder.build();
        } catch (MimeException | RuntimeException e) {
            return;
        }
        String name = field.getName().toLowerCase(Locale.ROOT);
        if (name.equals("content-type") && type == null) {
            contentType(field);
        } else if (name.equals("content-transfer-encoding") && encoding == null) {
            // The first occurrence, even an empty one, as the body structure reports it.
            String body = field.getBody();
            encoding = body == null
                    ? ""
                    : body.replace("\r", "").replace("\n", "").trim().toLowerCase(Locale.ROOT);
        }
    }

    private void contentType(RawField field) {
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(field);
        Map<String, String> params = new HashMap<>();
        for (NameValuePair pair : body.getParams()) {
            if (pair.getName() != null) params.put(pair.getName().toLowerCase(Locale.ROOT), pair.getValue());
        }
        String main = body.getValue();
        if (main == null) return;
        main = main.toLowerCase(Locale.ROOT).trim();
        int slash = main.indexOf('/');
        if (slash < 0) return;
        String t = main.substring(0, slash).trim();
        String s = main.substring(slash + 1).trim();
        if (t.isEmpty() || s.isEmpty()) return;
        String b = params.get("boundary");
        if (t.equals("multipart") && b == null) return;
        type = t;
        subtype = s;
        if (t.equals("multipart")) boundary = b;
    }

    ContentType contentType(String parentMimeType) {
        if (type != null) return new ContentType(type, subtype, boundary);
        if ("multipart/digest".equalsIgnoreCase(parentMimeType)) return new ContentType("message", "rfc822", null);
        return new ContentType("text", "plain", null);
    }

    /** The transfer encoding in lower case, 7bit when absent or empty (RFC 2045 §6.1). */
    String encoding() {
        return encoding == null || encoding.isEmpty() ? "7bit" : encoding;
    }
}
