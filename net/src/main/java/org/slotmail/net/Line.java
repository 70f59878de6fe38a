package org.slotmail.net;

import java.nio.charset.StandardCharsets;

/** One line read by {@link LineReader}: its bytes, or why there are none. */
public sealed interface Line {
    /** A complete line, without its CRLF or LF. */
    record Text(byte[] bytes) implements Line {
        /** The bytes as ISO-8859-1 text: one char per byte, so nothing is lost or invented. */
        public String latin1() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * A line longer than the limit. Its bytes were discarded up to and including the next LF, so the
     * reader is at the start of the following line and the protocol can answer and go on.
     */
    record TooLong(long length) implements Line {}

    /** The peer closed the stream; a partial last line without LF is dropped, never executed. */
    record End() implements Line {}
}
