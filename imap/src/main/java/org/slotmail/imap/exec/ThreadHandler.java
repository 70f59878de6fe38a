package org.slotmail.imap.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.mail.Envelope;
import org.slotmail.mail.search.SentDate;
import org.slotmail.mail.section.MessageLayout;
import org.slotmail.mail.section.MessageSource;
import org.slotmail.mail.section.SectionPath;
import org.slotmail.mail.sort.BaseSubject;
import org.slotmail.mail.sort.OrderedSubjectThreading;
import org.slotmail.mail.sort.ReferencesThreading;
import org.slotmail.mail.sort.ThreadInput;
import org.slotmail.mail.sort.ThreadNode;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MessageRecord;

/**
 * [UID] THREAD REFERENCES and ORDEREDSUBJECT (RFC 5256 §3-4): search, then thread by Message-ID,
 * In-Reply-To (both from the cached envelope) and References (read from the message header).
 */
final class ThreadHandler {
    private ThreadHandler() {}

    static Completion run(org.slotmail.imap.syntax.Thread command, Session s) throws IOException {
        SelectedMailbox selected = s.selected();
        Mailbox mailbox = selected.mailbox();
        List<MessageRecord> found;
        try {
            found = new SearchEvaluator(selected, !s.rev2()).search(command.key());
        } catch (SelectedMailbox.BadSequence e) {
            return Completion.bad(e.getMessage());
        }
        var inputs = new ArrayList<ThreadInput>(found.size());
        boolean references = command.algorithm().equals("REFERENCES");
        for (MessageRecord r : found) {
            var summary = mailbox.summary(r.uid());
            Envelope envelope = summary.envelope();
            OffsetDateTime date = SentDate.parse(envelope.date());
            Instant sent = date == null ? r.internalDate() : date.toInstant();
            String refs = references ? referencesHeader(mailbox, r, summary.headerSize()) : null;
            long id = command.uid() ? r.uid() : selected.seqOf(r.uid());
            inputs.add(new ThreadInput(
                    id, envelope.messageId(), envelope.inReplyTo(), refs, BaseSubject.of(envelope.subject()), sent));
        }
        List<ThreadNode> threads =
                references ? ReferencesThreading.thread(inputs) : OrderedSubjectThreading.thread(inputs);
        ResponseWriter out = s.out();
        out.raw("* THREAD");
        if (!threads.isEmpty()) out.sp();
        for (ThreadNode t : threads) {
            out.raw("(");
            chain(out, t);
            out.raw(")");
        }
        out.end();
        return Completion.ok("THREAD completed");
    }

    /**
     * Writes a thread (RFC 5256 §4): a node and its only child follow each other in one list;
     * several children each start a nested list. A placeholder writes no number.
     */
    private static void chain(ResponseWriter out, ThreadNode node) throws IOException {
        List<ThreadNode> children;
        boolean wrote = false;
        if (node instanceof ThreadNode.Message m) {
            out.number(m.id());
            children = m.children();
            wrote = true;
        } else {
            children = ((ThreadNode.Placeholder) node).children();
        }
        if (children.size() == 1) {
            if (wrote) out.sp();
            chain(out, children.getFirst());
        } else if (children.size() > 1) {
            if (wrote) out.sp();
            for (ThreadNode child : children) {
                out.raw("(");
                chain(out, child);
                out.raw(")");
            }
        }
    }

    /** The unfolded value of the References header, or null. */
    private static String referencesHeader(Mailbox mailbox, MessageRecord r, long headerSize) throws IOException {
        var section = MessageLayout.locateTopLevel(
                SectionPath.of(List.of(), SectionPath.Specifier.HEADER_FIELDS, List.of("References")),
                headerSize,
                r.size());
        MessageSource source = () -> mailbox.content(r.uid());
        String text = new String(section.toByteArray(source), StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        if (colon < 0) return null;
        String value = text.substring(colon + 1).replaceAll("\r?\n[ \t]", " ").strip();
        return value.isEmpty() ? null : value;
    }
}
