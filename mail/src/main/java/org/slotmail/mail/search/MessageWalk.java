package org.slotmail.mail.search;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;
import org.slotmail.mail.EncodedWords;
import org.slotmail.mail.MessageSummary;

/**
 * Walks a message in document order, streaming, handing out what text search looks at: each
 * header field of every entity (decoded), and the content of every text/* part with its transfer
 * encoding undone. Multiparts are entered and message/rfc822 (and message/global) parts are read
 * as messages of their own, each by its own mime4j token stream over the part's decoded body,
 * as {@link MessageSummary#parse} does; nesting past {@link MessageSummary#MAX_DEPTH} is not
 * entered. Malformed MIME ends the walk of that message quietly; only the source's own failure
 * is an error.
 */
final class MessageWalk {
    /** What the walk hands out. */
    sealed interface Event {}

    /**
     * One header field: its name and its value decoded for comparison. {@code topLevel} marks
     * the fields of the message's own header, the only ones SEARCH HEADER looks at.
     */
    record HeaderField(String name, String value, boolean topLevel) implements Event {}

    /** A text part: its subtype, declared charset (us-ascii when none) and decoded content. */
    record TextPart(String subtype, String charset, InputStream content) implements Event {}

    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setStrictParsing(false)
            .setMaxLineLen(1024 * 1024)
            .setMaxHeaderLen(1024 * 1024)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .setMalformedHeaderStartsBody(false)
            .build();

    /** One message being walked: its token stream and how deep it sits. */
    private static final class Frame {
        final MimeTokenStream tokens = new MimeTokenStream(CONFIG);
        final int baseDepth;
        final boolean outermost;
        int openMultiparts;
        boolean started;
        boolean inRootHeader = true;

        Frame(InputStream in, int baseDepth, boolean outermost) {
            this.baseDepth = baseDepth;
            this.outermost = outermost;
            // Encapsulated messages are walked by frames of their own.
            tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
            tokens.parse(in);
        }

        int depth() {
            return baseDepth + openMultiparts;
        }
    }

    private final SourceStream source;
    private final Deque<Frame> frames = new ArrayDeque<>();

    MessageWalk(InputStream in) {
        this.source = new SourceStream(in);
        frames.push(new Frame(source, 0, true));
    }

    /** Closes the message source. */
    void close() throws IOException {
        frames.clear();
        source.close();
    }

    /** The next event, or null when the message is done. */
    Event next() throws IOException {
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            EntityState state;
            try {
                state = frame.started ? frame.tokens.next() : frame.tokens.getState();
                frame.started = true;
            } catch (IOException | MimeException | RuntimeException e) {
                if (source.failure != null) throw source.failure;
                frames.pop(); // malformed: what was read of this message is all there is
                continue;
            }
            Event event = on(frame, state);
            if (event != null) return event;
        }
        return null;
    }

    private Event on(Frame frame, EntityState state) {
        MimeTokenStream tokens = frame.tokens;
        switch (state) {
            case T_END_OF_STREAM -> frames.pop();
            case T_FIELD -> {
                return field(tokens.getField(), frame.outermost && frame.inRootHeader);
            }
            case T_END_HEADER -> {
                frame.inRootHeader = false;
                if (frame.depth() >= MessageSummary.MAX_DEPTH) tokens.setRecursionMode(RecursionMode.M_FLAT);
            }
            case T_START_MULTIPART -> frame.openMultiparts++;
            case T_END_MULTIPART -> frame.openMultiparts--;
            case T_BODY -> {
                tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
                BodyDescriptor body = tokens.getBodyDescriptor();
                String type = body.getMediaType().toLowerCase(Locale.ROOT);
                String subtype = body.getSubType().toLowerCase(Locale.ROOT);
                InputStream content = new ContentStream(tokens.getDecodedInputStream(), source);
                if (type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"))) {
                    if (frame.depth() < MessageSummary.MAX_DEPTH) {
                        frames.push(new Frame(content, frame.depth() + 1, false));
                    }
                } else if (type.equals("text")) {
                    String charset = body.getCharset();
                    return new TextPart(subtype, charset == null ? "us-ascii" : charset, content);
                }
            }
            default -> {
                // Preambles, epilogues, part starts and ends carry no text that is searched.
            }
        }
        return null;
    }

    private static HeaderField field(Field field, boolean topLevel) {
        String name = field.getName();
        String value;
        ByteSequence raw = field.getRaw();
        if (raw != null && field instanceof RawField rawField && rawField.getDelimiterIdx() >= 0) {
            byte[] bytes = raw.toByteArray();
            value = EncodedWords.decodeField(bytes, rawField.getDelimiterIdx() + 1, bytes.length);
        } else {
            String body = field.getBody();
            value = body == null ? "" : EncodedWords.decode(body).trim();
        }
        return new HeaderField(name, value, topLevel);
    }

    /** The message source, remembering its own failure so it can be told from malformed MIME. */
    private static final class SourceStream extends FilterInputStream {
        IOException failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** A part's content: an error mime4j raises on malformed input ends the content instead. */
    private static final class ContentStream extends FilterInputStream {
        private final SourceStream source;

        ContentStream(InputStream in, SourceStream source) {
            super(in);
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                if (source.failure != null) throw source.failure;
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                // mime4j's base64 decoder can answer 0 (after padding, say) where InputStream
                // promises a byte or -1, and an InputStreamReader fails on that: read one byte.
                if (n == 0 && len > 0) {
                    int c = super.read();
                    if (c < 0) return -1;
                    b[off] = (byte) c;
                    return 1;
                }
                return n;
            } catch (IOException | RuntimeException e) {
                if (source.failure != null) throw source.failure;
                return -1;
            }
        }

        @Override
        public void close() {
            // mime4j owns the part stream; the walk moves past it.
        }
    }
}
