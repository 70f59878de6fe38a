package org.slotmail.imap.syntax;

import java.util.Optional;

/** One data item a FETCH asks for (RFC 9051 §6.4.5, RFC 3516, RFC 7162, RFC 8474, RFC 8514). */
public sealed interface FetchItem {
    /** A byte range {@code <offset.length>} of a section. */
    record Partial(long offset, long length) {}

    record Uid() implements FetchItem {}

    record Flags() implements FetchItem {}

    record InternalDate() implements FetchItem {}

    record Rfc822Size() implements FetchItem {}

    record Envelope() implements FetchItem {}

    /** BODYSTRUCTURE (extensible) or BODY (without extension data). */
    record Structure(boolean extensible) implements FetchItem {}

    /** BODY[section]<partial> or BODY.PEEK[...]; RFC822, RFC822.HEADER and RFC822.TEXT map here too. */
    record Body(Section section, Optional<Partial> partial, boolean peek, String legacyName) implements FetchItem {}

    /** BINARY[part]<partial> or BINARY.PEEK[...] (RFC 3516). */
    record Binary(Section section, Optional<Partial> partial, boolean peek) implements FetchItem {}

    /** BINARY.SIZE[part] (RFC 3516). */
    record BinarySize(Section section) implements FetchItem {}

    record ModSeq() implements FetchItem {}

    record EmailId() implements FetchItem {}

    record ThreadId() implements FetchItem {}

    record SaveDate() implements FetchItem {}
}
