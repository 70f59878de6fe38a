package org.slotmail.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The MIME structure of a message as IMAP BODYSTRUCTURE reports it (RFC 9051 §7.5.2).
 *
 * <p>As produced by {@link MessageSummary#parse}: media and disposition types are lower case,
 * parameter names lower case (values as written, in header order), transfer encodings upper case;
 * header-derived strings are unfolded and trimmed, encoded words left encoded. Lists and maps are
 * null where IMAP would send NIL and never contain nulls.
 */
public sealed interface BodyStructure {
    /** A Content-Disposition: its value and parameters. */
    record Disposition(String type, Map<String, String> params) {
        public Disposition {
            params = orderedCopy(params);
        }
    }

    /**
     * A leaf part. {@code size} is the exact octet count of its body as stored; {@code lines} is
     * the number of LF octets in it for text/* and message/rfc822 (or message/global), -1
     * otherwise. A message part carries the encapsulated message's envelope and structure.
     */
    record Single(
            String type,
            String subtype,
            Map<String, String> params,
            String id,
            String description,
            String encoding,
            long size,
            long lines,
            String md5,
            Disposition disposition,
            List<String> language,
            String location,
            Envelope envelope,
            BodyStructure message)
            implements BodyStructure {
        public Single {
            params = orderedCopy(params);
            language = language == null ? null : List.copyOf(language);
        }
    }

    /** A multipart with its parts in order. */
    record Multipart(
            List<BodyStructure> parts,
            String subtype,
            Map<String, String> params,
            Disposition disposition,
            List<String> language,
            String location)
            implements BodyStructure {
        public Multipart {
            parts = parts == null ? null : List.copyOf(parts);
            params = orderedCopy(params);
            language = language == null ? null : List.copyOf(language);
        }
    }

    /** An unmodifiable copy that keeps the order (Map.copyOf would not); null stays null. */
    private static Map<String, String> orderedCopy(Map<String, String> map) {
        if (map == null) return null;
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return Collections.unmodifiableMap(copy);
    }
}
