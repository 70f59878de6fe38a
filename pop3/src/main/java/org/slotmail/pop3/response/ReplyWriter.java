package org.slotmail.pop3.response;

import java.io.IOException;
import java.io.InputStream;
import org.slotmail.net.LineWriter;

/**
 * Writes POP3 responses into a connection's {@link LineWriter}, which sends a whole batch in one
 * write. A status line is {@code +OK} or {@code -ERR}, the latter optionally with a response code
 * in brackets (RFC 2449 §8, RFC 3206); a multi-line response follows its {@code +OK} with lines and
 * ends with a line holding a single dot (RFC 1939 §3).
 */
public final class ReplyWriter {
    private final LineWriter out;

    public ReplyWriter(LineWriter out) {
        this.out = out;
    }

    public void ok(String text) throws IOException {
        out.line(text.isEmpty() ? "+OK" : "+OK " + text);
    }

    /** {@code -ERR [code] text}; {@code code} may be null. */
    public void err(String code, String text) throws IOException {
        out.line(code == null ? "-ERR " + text : "-ERR [" + code + "] " + text);
    }

    /** A SASL challenge (RFC 5034 §4): {@code +} and a space, then base64 (empty for PLAIN). */
    public void challenge(String base64) throws IOException {
        out.line("+ " + base64);
    }

    /** One line of a multi-line response; a leading dot is doubled (RFC 1939 §3). */
    public void line(String text) throws IOException {
        out.line(text.startsWith(".") ? "." + text : text);
    }

    /** Ends a multi-line response. */
    public void end() throws IOException {
        out.line(".");
    }

    /**
     * Streams a message as the body of a multi-line response, byte-stuffed, then the terminating
     * dot; {@code bodyLines} below zero sends it whole (RETR), otherwise the header and that many
     * body lines (TOP).
     *
     * @throws MessageUnreadable the stored bytes could not be read after the first byte was
     *     sent; the response cannot be completed and the connection must end
     */
    public void message(InputStream message, long bodyLines) throws IOException {
        MessageStream.copy(message, out, bodyLines);
        end();
    }

    public void flush() throws IOException {
        out.flush();
    }
}
