package org.slotmail.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * What is parsed from a message once, at delivery, and cached beside its record: the envelope,
 * the body structure, and the size of the header block.
 */
public record MessageSummary(Envelope envelope, BodyStructure body, long headerSize) {
    /** Deepest nesting of multiparts and encapsulated messages whose inside is reported. */
    public static final int MAX_DEPTH = 100;

    /** Most body structure nodes reported for one message, nested messages included. */
    public static final int MAX_PARTS = 10_000;

    /**
     * Parses a whole message read from {@code in}, streaming: the message is never held in
     * memory, and {@code in} is read to its end but not closed.
     *
     * <p>Any input gives a summary: malformed MIME is reported as far as it can be understood,
     * with sizes and line counts always exact for the bytes as stored. {@code headerSize} counts
     * the header block through the empty line that ends it, or the whole message when there is
     * none. Multiparts and encapsulated messages nested deeper than 100 levels, and parts past the
     * 10,000th, are reported as opaque application/octet-stream leaves or left out.
     *
     * @throws IOException only when {@code in} itself fails
     */
    public static MessageSummary parse(InputStream in) throws IOException {
        return MessageParser.parse(in);
    }

    /** A compact binary form for the cache, read back by {@link #fromBytes}. */
    public byte[] toBytes() {
        return SummaryCodec.encode(this);
    }

    /**
     * Reads a summary written by {@link #toBytes}.
     *
     * @throws IllegalArgumentException when the bytes are not a summary this version can read
     */
    public static MessageSummary fromBytes(byte[] bytes) {
        return SummaryCodec.decode(bytes);
    }
}
