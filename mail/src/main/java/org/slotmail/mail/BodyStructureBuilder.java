package org.slotmail.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.BodyDescriptor;

/**
 * Turns one entity's header fields, mime4j's reading of its type, and the counted octets into a
 * BODYSTRUCTURE node (RFC 9051 §7.5.2). Conventions: media types and disposition types in lower
 * case, parameter names in lower case (values as written), transfer encodings in upper case.
 */
final class BodyStructureBuilder {
    private BodyStructureBuilder() {}

    /** What an empty or unreadable body is reported as: RFC 2045 §5.2's default type, no content. */
    static final BodyStructure.Single EMPTY_TEXT = new BodyStructure.Single(
            "text",
            "plain",
            Map.of("charset", "us-ascii"),
            null,
            null,
            "7BIT",
            0,
            0,
            null,
            null,
            null,
            null,
            null,
            null);

    /** A part's media type and parameters: mime4j's reading of Content-Type, in our conventions. */
    record ContentType(String type, String subtype, Map<String, String> params) {
        boolean isMessage() {
            return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
        }

        boolean isMultipart() {
            return type.equals("multipart");
        }
    }

    /**
     * The type mime4j settled on (it applies the defaults of RFC 2045 §5.2 and RFC 2046 §5.1.5,
     * and reads a multipart without boundary as text), with the parameters as written when that
     * is the type the header names; after a fallback the written parameters describe something
     * else and are dropped. Text always names its charset (RFC 2045 §5.2). mime4j lower-cases
     * with the default locale, so the written type is re-lower-cased in {@link Locale#ROOT}.
     */
    static ContentType contentType(HeaderBlock header, BodyDescriptor descriptor) {
        String type = descriptor.getMediaType();
        String subtype = descriptor.getSubType();
        Map<String, String> params = new LinkedHashMap<>();
        byte[] raw = header.bytes("content-type");
        if (raw != null) {
            ParameterizedValue value = ParameterizedValue.parse(raw);
            String written = value.value();
            int slash = written.indexOf('/');
            if (slash >= 0) {
                String writtenType = written.substring(0, slash).trim();
                String writtenSubtype = written.substring(slash + 1).trim();
                if (writtenType.equalsIgnoreCase(type) && writtenSubtype.equalsIgnoreCase(subtype)) {
                    type = writtenType.toLowerCase(Locale.ROOT);
                    subtype = writtenSubtype.toLowerCase(Locale.ROOT);
                    params.putAll(value.params());
                }
            }
        }
        if (type.equals("text")) params.putIfAbsent("charset", "us-ascii");
        return new ContentType(type, subtype, Collections.unmodifiableMap(params));
    }

    static BodyStructure.Single leaf(HeaderBlock header, ContentType content, long size, long lines) {
        return single(
                header,
                content.type(),
                content.subtype(),
                content.params(),
                size,
                content.type().equals("text") ? lines : -1,
                null,
                null);
    }

    /** A message/rfc822 (or message/global, RFC 6532 §3.7) part with its encapsulated message. */
    static BodyStructure.Single message(
            HeaderBlock header, ContentType content, long size, long lines, Envelope envelope, BodyStructure body) {
        return single(header, content.type(), content.subtype(), content.params(), size, lines, envelope, body);
    }

    /**
     * A part whose inside is not looked at (nested too deep, or too many parts already): reported
     * as application/octet-stream, so its structure is simply not claimed, never misreported.
     */
    static BodyStructure.Single opaque(HeaderBlock header, long size) {
        return single(header, "application", "octet-stream", Map.of(), size, -1, null, null);
    }

    /** The body of a message whose header could not be read to the end: plain text by default. */
    static BodyStructure.Single unparsed(HeaderBlock header, long size, long lines) {
        return single(header, "text", "plain", Map.of("charset", "us-ascii"), size, lines, null, null);
    }

    static BodyStructure.Multipart multipart(HeaderBlock header, ContentType content, List<BodyStructure> parts) {
        // A multipart needs at least one part (RFC 9051 body-type-mpart = 1*body); one whose
        // boundary never appears gets an empty text part, as other servers report it.
        List<BodyStructure> nonEmpty = parts.isEmpty() ? List.of(EMPTY_TEXT) : parts;
        return new BodyStructure.Multipart(
                nonEmpty,
                content.subtype(),
                content.params(),
                disposition(header),
                language(header),
                header.text("content-location"));
    }

    private static BodyStructure.Single single(
            HeaderBlock header,
            String type,
            String subtype,
            Map<String, String> params,
            long size,
            long lines,
            Envelope envelope,
            BodyStructure message) {
        return new BodyStructure.Single(
                type,
                subtype,
                params,
                header.text("content-id"),
                header.text("content-description"),
                encoding(header),
                size,
                lines,
                header.text("content-md5"),
                disposition(header),
                language(header),
                header.text("content-location"),
                envelope,
                message);
    }

    /** Content-Transfer-Encoding, 7BIT when absent (RFC 2045 §6.1). */
    private static String encoding(HeaderBlock header) {
        String value = header.text("content-transfer-encoding");
        return value == null || value.isEmpty() ? "7BIT" : value.toUpperCase(Locale.ROOT);
    }

    private static BodyStructure.Disposition disposition(HeaderBlock header) {
        byte[] raw = header.bytes("content-disposition");
        if (raw == null) return null;
        ParameterizedValue value = ParameterizedValue.parse(raw);
        if (value.value().isEmpty()) return null;
        return new BodyStructure.Disposition(value.value().toLowerCase(Locale.ROOT), value.params());
    }

    /** Content-Language tags (RFC 3282 §2), in order; null when absent or empty. */
    private static List<String> language(HeaderBlock header) {
        String value = header.text("content-language");
        if (value == null) return null;
        List<String> tags = new ArrayList<>();
        for (String tag : value.split(",")) {
            String t = HeaderText.trim(tag);
            if (!t.isEmpty()) tags.add(t);
        }
        return tags.isEmpty() ? null : tags;
    }
}
