package org.slotmail.mail.section;

import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * The content-transfer-encodings a server can undo for BINARY (RFC 3516 §4.1, RFC 2045 §6). The
 * decoders are mime4j's, lenient: characters that cannot occur in the encoding are skipped, as
 * RFC 2045 §6.8 asks of base64 decoders, and a stray {@code =} in quoted-printable is kept.
 */
public enum TransferEncoding {
    /** 7bit, 8bit and binary: the octets are the content. */
    IDENTITY,
    /** RFC 2045 §6.8. */
    BASE64,
    /** RFC 2045 §6.7. */
    QUOTED_PRINTABLE;

    /**
     * The encoding a Content-Transfer-Encoding value names (case-insensitive; absent or empty
     * means 7bit, RFC 2045 §6.1), or empty for one this server cannot decode, such as
     * {@code x-uuencode}: IMAP answers those with {@code NO [UNKNOWN-CTE]} (RFC 3516 §4.3).
     */
    public static Optional<TransferEncoding> of(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "7bit", "8bit", "binary" -> Optional.of(IDENTITY);
            case "base64" -> Optional.of(BASE64);
            case "quoted-printable" -> Optional.of(QUOTED_PRINTABLE);
            default -> Optional.empty();
        };
    }

    /** A stream of the decoded octets of {@code encoded}; closing it closes {@code encoded}. */
    public InputStream decode(InputStream encoded) {
        return switch (this) {
            case IDENTITY -> encoded;
            case BASE64 -> new Base64InputStream(encoded, DecodeMonitor.SILENT);
            case QUOTED_PRINTABLE -> new QuotedPrintableInputStream(encoded, DecodeMonitor.SILENT);
        };
    }
}
