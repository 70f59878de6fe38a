package org.slotmail.imap.syntax;

import java.time.LocalDate;
import java.util.List;

/** A SEARCH criterion (RFC 9051 §6.4.4, RFC 7162 MODSEQ, RFC 8474 EMAILID/THREADID, RFC 8514 SAVEDATE). */
public sealed interface SearchKey {
    record All() implements SearchKey {}

    /** A system flag ({@code org.slotmail.mailbox.Flags} bit) set or not set. */
    record SystemFlag(int flag, boolean set) implements SearchKey {}

    record Keyword(String keyword, boolean set) implements SearchKey {}

    /** RECENT, NEW and OLD of IMAP4rev1. */
    record Recent(boolean recent) implements SearchKey {}

    /** Internal date ({@code sent=false}) or Date header ({@code sent=true}) compared by day. */
    record DateKey(boolean sent, Comparison comparison, LocalDate date) implements SearchKey {}

    /** SAVEDATE comparisons (RFC 8514). */
    record SaveDateKey(Comparison comparison, LocalDate date) implements SearchKey {}

    record SaveDateSupported() implements SearchKey {}

    /** Before, on, or since a day. */
    enum Comparison {
        BEFORE,
        ON,
        SINCE
    }

    /** A header field containing a string (empty: the field is present). FROM, TO, CC, BCC, SUBJECT too. */
    record Header(String field, String value) implements SearchKey {}

    record Body(String text) implements SearchKey {}

    record Text(String text) implements SearchKey {}

    record Larger(long size) implements SearchKey {}

    record Smaller(long size) implements SearchKey {}

    record Uid(SequenceSet set) implements SearchKey {}

    record Sequence(SequenceSet set) implements SearchKey {}

    record ModSeq(long modSeq) implements SearchKey {}

    record EmailId(String id) implements SearchKey {}

    record ThreadId(String id) implements SearchKey {}

    /** OLDER/YOUNGER n seconds (RFC 5032 WITHIN). */
    record Age(boolean older, long seconds) implements SearchKey {}

    record Not(SearchKey key) implements SearchKey {}

    record Or(SearchKey left, SearchKey right) implements SearchKey {}

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }
}
