package org.slotmail.lmtp.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slotmail.lmtp.syntax.Address;

/**
 * The header lines put on top of a delivered message: {@code Return-Path} (RFC 5321 §4.4, the
 * reverse-path as the final delivery records it) and {@code Received} (RFC 5321 §4.4
 * Time-stamp-line, "with LMTP" as registered by RFC 3848). Everything the client chose is cleaned
 * first: no CR, LF or other control character can reach a header (header injection), and the
 * client's name is cut to a domain's length so no line grows past RFC 5322's 998 characters.
 */
final class TraceHeaders {
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int MAX_NAME = 255;
    /** Paths are at most 256 characters (RFC 5321 §4.5.3.1.3). */
    private static final int MAX_PATH = 256;

    private TraceHeaders() {}

    /**
     * The headers, CRLF-terminated. {@code onlyRecipient} is given when the message has exactly one
     * recipient: a "for" clause naming one of several would make each copy's bytes differ, and the
     * message could no longer be stored once for all.
     */
    static byte[] render(
            String hostName,
            String id,
            String clientName,
            InetAddress clientAddress,
            Optional<Address> sender,
            Optional<Address> onlyRecipient,
            ZonedDateTime when) {
        String returnPath = sender.map(a -> clean(a.text(), MAX_PATH)).orElse("");
        var sb = new StringBuilder(256)
                .append("Return-Path: <")
                .append(returnPath)
                .append(">\r\n")
                .append("Received: from ")
                .append(cleanName(clientName))
                .append(" (")
                .append(addressLiteral(clientAddress))
                .append(")\r\n\tby ")
                .append(hostName)
                .append(" with LMTP id ")
                .append(id);
        onlyRecipient.ifPresent(
                r -> sb.append("\r\n\tfor <").append(clean(r.text(), MAX_PATH)).append('>'));
        sb.append(";\r\n\t").append(RFC_5322_DATE.format(when)).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The LHLO name, reduced to characters a domain or address literal may hold. */
    static String cleanName(String name) {
        var sb = new StringBuilder(Math.min(name.length(), MAX_NAME));
        for (int i = 0; i < name.length() && sb.length() < MAX_NAME; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ".-_:[]".indexOf(c) >= 0;
            sb.append(ok ? c : '?');
        }
        return sb.isEmpty() ? "unknown" : sb.toString();
    }

    /** Printable ASCII and spaces only, at most {@code max} characters. */
    static String clean(String text, int max) {
        var sb = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    /** The client's IP as an RFC 5321 §4.1.3 address literal. */
    static String addressLiteral(InetAddress address) {
        String ip = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int scope = ip.indexOf('%');
            return "[IPv6:" + (scope < 0 ? ip : ip.substring(0, scope)) + "]";
        }
        return "[" + ip + "]";
    }
}
