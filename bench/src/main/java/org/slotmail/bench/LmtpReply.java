package org.slotmail.bench;

import java.util.List;

/** One LMTP reply: its three-digit code and every line's text after the code. */
public record LmtpReply(int code, List<String> lines) {
    public LmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean positive() {
        return code >= 200 && code < 300;
    }

    /** The reply as a server would have written it on one line, for error reports. */
    @Override
    public String toString() {
        return code + " " + String.join(" / ", lines);
    }
}
