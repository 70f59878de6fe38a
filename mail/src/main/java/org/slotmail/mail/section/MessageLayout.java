package org.slotmail.mail.section;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where each MIME entity of a stored message lies in its bytes, and so where each IMAP section
 * is (RFC 9051 §6.4.5). Built by one streaming pass ({@link #scan}); small (a few numbers per
 * part), so a server may keep it while it answers several FETCH items for one message. Part
 * numbers agree with the BODYSTRUCTURE that {@link org.slotmail.mail.MessageSummary#parse} reports.
 *
 * <p>Sections of the top-level message alone need no scan: see {@link #locateTopLevel}.
 */
public final class MessageLayout {
    /** How an entity's inside is numbered. */
    public enum Kind {
        /** No parts inside (including opaque containers past the nesting or part limits). */
        LEAF,
        /** A multipart: its parts are numbered 1, 2, … */
        MULTIPART,
        /** A message/rfc822 or message/global part: the encapsulated message's parts are numbered. */
        MESSAGE
    }

    /**
     * One MIME entity (RFC 2045 §2.4: a message or a body part): its header is
     * {@code [start, bodyStart)} including the empty line that ends it, its body
     * {@code [bodyStart, end)}. {@code encoding} is its Content-Transfer-Encoding in lower case
     * (7bit when absent). A multipart has its {@code parts}; a message part has the encapsulated
     * {@code message}, which spans exactly the part's body.
     */
    public record Entity(
            Kind kind, long start, long bodyStart, long end, String encoding, List<Entity> parts, Entity message) {
        public Entity {
            parts = List.copyOf(parts);
        }

        /** The header block, through the empty line that ends it. */
        public Section.Slice header() {
            return new Section.Slice(start, bodyStart - start);
        }

        /** The body, without the line break that precedes a following boundary. */
        public Section.Slice body() {
            return new Section.Slice(bodyStart, end - bodyStart);
        }
    }

    private final Entity root;
    private final long size;

    MessageLayout(Entity root, long size) {
        this.root = root;
        this.size = size;
    }

    /**
     * Reads a whole message from {@code in} (not closed) and records where its entities lie.
     * Memory is bounded by the number of parts, not the message size.
     */
    public static MessageLayout scan(InputStream in) throws IOException {
        return LayoutScanner.scan(in);
    }

    /** Scans the message {@code source} opens. */
    public static MessageLayout scan(MessageSource source) throws IOException {
        try (InputStream in = source.open()) {
            return scan(in);
        }
    }

    /** The top-level message. */
    public Entity root() {
        return root;
    }

    /** The message's size in octets. */
    public long size() {
        return size;
    }

    /**
     * The entity a part number names (RFC 9051 §6.4.5): the parts of a multipart are numbered
     * from 1; a message/rfc822 part's numbers continue into the encapsulated message; and a
     * message that is not multipart has just part 1, its body (whose MIME header is the message
     * header). Empty when no part has that number.
     */
    public Optional<Entity> part(List<Integer> numbers) {
        if (numbers.isEmpty()) return Optional.of(root);
        List<Entity> level = numbered(root);
        Entity current = null;
        for (int n : numbers) {
            if (n < 1 || n > level.size()) return Optional.empty();
            current = level.get(n - 1);
            level = switch (current.kind()) {
                case MULTIPART -> current.parts();
                case MESSAGE -> numbered(current.message());
                case LEAF -> List.of();
            };
        }
        return Optional.of(current);
    }

    /** The numbered parts of a message: a multipart's parts, or the message itself as part 1. */
    private static List<Entity> numbered(Entity message) {
        return message.kind() == Kind.MULTIPART ? message.parts() : List.of(message);
    }

    /**
     * The section a section spec names. HEADER, HEADER.FIELDS and TEXT after part numbers refer
     * to the encapsulated message of a message/rfc822 part, and to nothing in any other part
     * (RFC 9051 §6.4.5 allows them only there; Dovecot answers such requests with an empty string
     * too). MIME is the part's own header, so for a message part it is the part's MIME header,
     * not the encapsulated message's header.
     */
    public Section locate(SectionPath path) {
        if (path.isTopLevel()) return top(root, path);
        Optional<Entity> found = part(path.parts());
        if (found.isEmpty()) return Section.MISSING;
        Entity part = found.get();
        return switch (path.specifier()) {
            case NONE -> part.body();
            case MIME -> part.header();
            case HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT ->
                part.kind() == Kind.MESSAGE ? top(part.message(), path) : Section.MISSING;
        };
    }

    private Section top(Entity message, SectionPath path) {
        return switch (path.specifier()) {
            case NONE -> message == root ? new Section.Slice(0, size) : message.body();
            case HEADER -> message.header();
            case TEXT -> message.body();
            case HEADER_FIELDS -> new Section.HeaderFields(message.header(), path.fields(), false);
            case HEADER_FIELDS_NOT -> new Section.HeaderFields(message.header(), path.fields(), true);
            case MIME -> throw new IllegalArgumentException("MIME needs a part number");
        };
    }

    /**
     * A top-level section ({@code BODY[]}, {@code HEADER}, {@code TEXT}, {@code HEADER.FIELDS})
     * from the sizes a server already keeps: {@code headerSize} is
     * {@link org.slotmail.mail.MessageSummary#headerSize()}, which ends where the layout's root
     * header does.
     */
    public static Section locateTopLevel(SectionPath path, long headerSize, long messageSize) {
        if (!path.isTopLevel()) throw new IllegalArgumentException("not a top-level section: " + path);
        Entity root = new Entity(Kind.LEAF, 0, headerSize, messageSize, "7bit", List.of(), null);
        return new MessageLayout(root, messageSize).locate(path);
    }

    /**
     * The decoded content of a part for BINARY (RFC 3516 §4.2). No part numbers means the whole
     * message, unchanged (it has no transfer encoding of its own).
     */
    public BinarySection binary(List<Integer> numbers) {
        if (numbers.isEmpty()) return new BinarySection.Content(new Section.Slice(0, size), TransferEncoding.IDENTITY);
        Optional<Entity> found = part(numbers);
        if (found.isEmpty()) return new BinarySection.Missing();
        Entity part = found.get();
        return TransferEncoding.of(part.encoding())
                .<BinarySection>map(encoding -> new BinarySection.Content(part.body(), encoding))
                .orElseGet(() -> new BinarySection.UnknownEncoding(part.encoding()));
    }
}
