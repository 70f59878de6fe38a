package org.slotmail.lmtp.session;

import java.io.IOException;
import java.util.List;
import org.slotmail.net.LineWriter;

/**
 * One reply (RFC 5321 §4.2): a code, an enhanced status code (RFC 2034, RFC 3463) where one
 * belongs, and one or more lines of text. The greeting and the LHLO answer carry none (RFC 2034 §3).
 */
record Reply(int code, String status, List<String> lines) {
    Reply {
        if (code < 200 || code > 599) throw new IllegalArgumentException("bad reply code " + code);
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("a reply has at least one line");
    }

    static Reply of(int code, String status, String text) {
        return new Reply(code, status, List.of(text));
    }

    /** Appends the reply: every line but the last as {@code code-text}, the last as {@code code text}. */
    void writeTo(LineWriter out) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            var sb = new StringBuilder().append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (!status.isEmpty()) sb.append(status).append(' ');
            out.line(sb.append(lines.get(i)).toString());
        }
    }

    boolean positive() {
        return code < 300;
    }
}
