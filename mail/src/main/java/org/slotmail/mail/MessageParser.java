package org.slotmail.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Walks a message with mime4j's {@link MimeTokenStream}, one pass, streaming: bodies are counted
 * as they go by and never kept. Each encapsulated message (message/rfc822) is read by its own
 * token stream over the enclosing part's bytes, so its size and line count come out exact.
 *
 * <p>Limits keep hostile input cheap: containers nest at most {@link #MAX_DEPTH} deep and at most
 * {@link #MAX_PARTS} nodes are recorded per message (later ones are read past, not reported);
 * beyond either, a container becomes an opaque leaf. mime4j holds one header field at a time, up
 * to {@link #MAX_FIELD_BYTES}; a longer one ends the parse of that message, and what was read so
 * far is reported, with sizes still taken from the counted bytes.
 */
final class MessageParser {
    /** Deepest nesting of multiparts and encapsulated messages that is parsed. */
    static final int MAX_DEPTH = MessageSummary.MAX_DEPTH;

    /** Most body structure nodes recorded for one message, nested messages included. */
    static final int MAX_PARTS = MessageSummary.MAX_PARTS;

    /** Longest header line, and longest header field with its folded lines, mime4j will read. */
    static final int MAX_FIELD_BYTES = 1024 * 1024;

    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setStrictParsing(false)
            .setMaxLineLen(MAX_FIELD_BYTES)
            .setMaxHeaderLen(MAX_FIELD_BYTES)
            .setMaxHeaderCount(-1)
            .setMaxContentLen(-1)
            .setMalformedHeaderStartsBody(false)
            .build();

    private int partsLeft = MAX_PARTS;

    private MessageParser() {}

    private record Parsed(Envelope envelope, BodyStructure body) {}

    static MessageSummary parse(InputStream in) throws IOException {
        CountingInputStream counted = new CountingInputStream(in);
        Parsed parsed = new MessageParser().message(counted, 0);
        return new MessageSummary(parsed.envelope(), parsed.body(), counted.headerSize());
    }

    /** Parses one whole message from {@code in}, which is read to its end. */
    private Parsed message(CountingInputStream in, int depth) throws IOException {
        MimeTokenStream tokens = new MimeTokenStream(CONFIG);
        // Encapsulated messages are parsed here, by a nested token stream over the raw part.
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(in);
        Walk walk = new Walk(depth);
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                walk.on(state, tokens);
            }
        } catch (IOException | MimeException | RuntimeException e) {
            // Only the source's own failure is an error; anything mime4j objects to is malformed
            // input, reported as far as it was understood.
            if (in.failure() != null) throw in.failure();
        }
        in.drain();
        return walk.finish(in);
    }

    /** The state of one token stream: the open multiparts and what has been built. */
    private final class Walk {
        private final int baseDepth;
        private final Deque<OpenMultipart> open = new ArrayDeque<>();
        private HeaderBlock header = new HeaderBlock();
        private HeaderBlock rootHeader;
        private BodyStructure root;
        /** Multiparts started after the part budget ran out: read past, their ends ignored. */
        private int skippedOpen;

        private boolean skipping;

        Walk(int baseDepth) {
            this.baseDepth = baseDepth;
        }

        private int depth() {
            return baseDepth + open.size();
        }

        void on(EntityState state, MimeTokenStream tokens) throws IOException {
            switch (state) {
                case T_START_MESSAGE -> {
                    header = new HeaderBlock();
                    rootHeader = header;
                }
                case T_START_BODYPART -> {
                    header = new HeaderBlock();
                    // Past the budget parts are read past, not recorded. (mime4j's stop() would
                    // be cheaper but can loop forever in its header reader, so it is not used.)
                    if (partsLeft <= 0) skipping = true;
                }
                case T_FIELD -> {
                    if (!skipping) header.add(tokens.getField());
                }
                case T_END_HEADER -> {
                    // Past the depth limit, mime4j must not open the container: flat mode hands
                    // its whole content over as one body, counted as an opaque leaf below.
                    if (depth() >= MAX_DEPTH) tokens.setRecursionMode(RecursionMode.M_FLAT);
                }
                case T_START_MULTIPART -> {
                    if (skipping) {
                        skippedOpen++;
                    } else {
                        partsLeft--;
                        open.push(new OpenMultipart(
                                header, BodyStructureBuilder.contentType(header, tokens.getBodyDescriptor())));
                    }
                }
                case T_END_MULTIPART -> {
                    if (skippedOpen > 0) {
                        skippedOpen--;
                    } else if (!open.isEmpty()) {
                        OpenMultipart done = open.pop();
                        add(done.build());
                    }
                }
                case T_BODY -> {
                    // Flat mode applies to the entity just read; its siblings parse normally.
                    tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
                    if (!skipping) add(body(tokens));
                }
                default -> {
                    // Preamble, epilogue and end events carry nothing the summary needs; mime4j
                    // skips their bytes itself.
                }
            }
        }

        private BodyStructure body(MimeTokenStream tokens) throws IOException {
            BodyStructureBuilder.ContentType type =
                    BodyStructureBuilder.contentType(header, tokens.getBodyDescriptor());
            CountingInputStream content = new CountingInputStream(tokens.getInputStream());
            partsLeft--;
            if (type.isMultipart() || (type.isMessage() && (depth() >= MAX_DEPTH || partsLeft <= 0))) {
                content.drain();
                return BodyStructureBuilder.opaque(header, content.octets());
            }
            if (type.isMessage()) {
                Parsed inner = message(content, depth() + 1);
                return BodyStructureBuilder.message(
                        header, type, content.octets(), content.lines(), inner.envelope(), inner.body());
            }
            content.drain();
            return BodyStructureBuilder.leaf(header, type, content.octets(), content.lines());
        }

        private void add(BodyStructure node) {
            if (open.isEmpty()) {
                if (root == null) root = node;
            } else {
                open.peek().parts.add(node);
            }
        }

        /** Closes what a parse failure left open; {@code in} has been read to its end. */
        Parsed finish(CountingInputStream in) {
            while (!open.isEmpty()) add(open.pop().build());
            HeaderBlock top = rootHeader == null ? new HeaderBlock() : rootHeader;
            BodyStructure body = root != null
                    ? root
                    : BodyStructureBuilder.unparsed(top, in.octets() - in.headerSize(), in.lines() - in.headerLines());
            return new Parsed(EnvelopeParser.parse(top), body);
        }
    }

    private record OpenMultipart(HeaderBlock header, BodyStructureBuilder.ContentType type, List<BodyStructure> parts) {
        OpenMultipart(HeaderBlock header, BodyStructureBuilder.ContentType type) {
            this(header, type, new ArrayList<>());
        }

        BodyStructure.Multipart build() {
            return BodyStructureBuilder.multipart(header, type, parts);
        }
    }
}
