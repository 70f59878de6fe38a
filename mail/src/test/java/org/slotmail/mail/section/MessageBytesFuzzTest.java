package org.slotmail.mail.section;

import static org.slotmail.mail.section.TestMessages.numbering;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.mail.BodyStructure;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mail.search.MessageTextSearch;
import org.slotmail.mail.search.SentDate;
import org.slotmail.mail.search.TextQuery;
import org.slotmail.mail.sort.BaseSubject;
import org.slotmail.mail.sort.MessageIds;

/**
 * Fuzzes everything the server does with a stored message's bytes: parsing it once at delivery
 * ({@link MessageSummary#parse}: envelope, body structure, header size), caching that summary and
 * reading it back, laying the message out for section fetches ({@link MessageLayout}), every
 * section and BINARY part the body structure names, and text search. Whatever the bytes:
 *
 * <ul>
 *   <li>nothing throws (a {@link MessageSummary} is always produced; malformed MIME is reported
 *       as far as it is understood), and no recursion overflows the stack;
 *   <li>the cached form reads back equal;
 *   <li>the layout numbers the parts exactly as BODYSTRUCTURE does, with the same sizes, each
 *       entity inside its parent, and each section's length what writing it gives.
 * </ul>
 *
 * In a plain test run this replays the kept corpus ({@code src/test/resources/.../MessageBytesFuzzTestInputs});
 * {@code JAZZER_FUZZ=1 ./mvnw -pl mail test -Dtest=MessageBytesFuzzTest} fuzzes for real.
 */
class MessageBytesFuzzTest {
    /**
     * Messages past 1 MB are not tried: every rule is visible in smaller ones, and mime4j's one
     * known difference from the layout (a header field over 1 MiB) needs a bigger one.
     */
    private static final int MAX_INPUT = 1_000_000;

    private static final List<TextQuery> QUERIES = List.of(
            new TextQuery.Header("subject", "a"),
            new TextQuery.Header("from", ""),
            new TextQuery.Body("b"),
            new TextQuery.Text("\u00e9t\u00e9"),
            new TextQuery.Text("zz-never-there-zz"));

    @FuzzTest(maxDuration = "30s")
    void anyMessageParsesLaysOutAndSearches(byte[] raw) throws IOException {
        if (raw.length > MAX_INPUT) return;
        MessageSummary summary = MessageSummary.parse(new ByteArrayInputStream(raw));
        if (summary.headerSize() < 0 || summary.headerSize() > raw.length) {
            throw new IllegalStateException("header size " + summary.headerSize() + " of " + raw.length);
        }
        if (!MessageSummary.fromBytes(summary.toBytes()).equals(summary)) {
            throw new IllegalStateException("the cached summary reads back different");
        }
        envelopeHelpers(summary);

        MessageLayout layout = MessageLayout.scan(new ByteArrayInputStream(raw));
        if (layout.size() != raw.length) throw new IllegalStateException("layout size " + layout.size());
        if (layout.root().bodyStart() != summary.headerSize()) {
            throw new IllegalStateException(
                    "layout header ends at " + layout.root().bodyStart() + ", summary at " + summary.headerSize());
        }
        List<String> structure = numbering(summary.body());
        if (!numbering(layout).equals(structure)) {
            throw new IllegalStateException("layout " + numbering(layout) + " != BODYSTRUCTURE " + structure);
        }
        nested(layout.root(), 0, raw.length);
        MessageSource source = MessageSource.of(raw);
        sections(layout, source, SectionPath.whole());
        sections(layout, source, SectionPath.of(List.of(), SectionPath.Specifier.TEXT));
        for (List<Integer> part : partNumbers(summary.body())) {
            for (SectionPath.Specifier specifier : SectionPath.Specifier.values()) {
                if (specifier == SectionPath.Specifier.HEADER_FIELDS
                        || specifier == SectionPath.Specifier.HEADER_FIELDS_NOT) {
                    sections(layout, source, new SectionPath(part, specifier, List.of("Subject", "content-type")));
                } else {
                    sections(layout, source, SectionPath.of(part, specifier));
                }
            }
            if (layout.part(part).isEmpty()) throw new IllegalStateException("BODYSTRUCTURE part " + part + " missing");
            if (layout.binary(part) instanceof BinarySection.Content content) content.decodedSize(source);
        }

        MessageTextSearch.matching(new ByteArrayInputStream(raw), QUERIES);
    }

    /** What SORT and THREAD and SEARCH SENTON take from the envelope must accept any value. */
    private static void envelopeHelpers(MessageSummary summary) {
        String subject = summary.envelope().subject();
        if (subject != null) BaseSubject.of(subject).key();
        String date = summary.envelope().date();
        if (date != null) SentDate.parse(date);
        String inReplyTo = summary.envelope().inReplyTo();
        if (inReplyTo != null) MessageIds.parse(inReplyTo);
    }

    private static void sections(MessageLayout layout, MessageSource source, SectionPath path) throws IOException {
        Section section = layout.locate(path);
        long length = section.length(source);
        var counted = new CountingSink();
        section.writeTo(source, counted);
        if (counted.count != length) {
            throw new IllegalStateException(path + " says " + length + " octets, writes " + counted.count);
        }
    }

    /** Every entity lies inside its parent, parts in order. */
    private static void nested(MessageLayout.Entity e, long from, long to) {
        if (e.start() < from || e.bodyStart() < e.start() || e.end() < e.bodyStart() || e.end() > to) {
            throw new IllegalStateException(
                    "entity " + e.start() + "/" + e.bodyStart() + "/" + e.end() + " outside " + from + ".." + to);
        }
        long previousEnd = e.bodyStart();
        for (MessageLayout.Entity part : e.parts()) {
            nested(part, previousEnd, e.end());
            previousEnd = part.end();
        }
        if (e.message() != null) nested(e.message(), e.bodyStart(), e.end());
    }

    /** The part numbers of every node BODYSTRUCTURE reports, at most a few hundred. */
    private static List<List<Integer>> partNumbers(BodyStructure root) {
        List<List<Integer>> out = new ArrayList<>();
        collect(List.of(), root instanceof BodyStructure.Multipart m ? m.parts() : List.of(root), out);
        return out;
    }

    private static void collect(List<Integer> prefix, List<BodyStructure> parts, List<List<Integer>> out) {
        for (int i = 0; i < parts.size() && out.size() < 300; i++) {
            List<Integer> path = new ArrayList<>(prefix);
            path.add(i + 1);
            out.add(List.copyOf(path));
            switch (parts.get(i)) {
                case BodyStructure.Multipart m -> collect(path, m.parts(), out);
                case BodyStructure.Single s
                when s.message() != null ->
                    collect(
                            path,
                            s.message() instanceof BodyStructure.Multipart m ? m.parts() : List.of(s.message()),
                            out);
                case BodyStructure.Single _ -> {}
            }
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
