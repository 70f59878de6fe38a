package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slotmail.imap.response.FlagList;
import org.slotmail.imap.response.ImapDates;
import org.slotmail.imap.response.MessageStructure;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Fetch;
import org.slotmail.imap.syntax.FetchItem;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Changes;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/**
 * [UID] FETCH (RFC 9051 §6.4.5) with CHANGEDSINCE and VANISHED (RFC 7162), BINARY (RFC 3516),
 * EMAILID/THREADID (RFC 8474) and SAVEDATE (RFC 8514). Records are read once for the whole set;
 * message bytes only for the items that need them, streamed to the client.
 */
final class FetchHandler {
    private static final int SUMMARY_CHUNK = 512;
    private static final int RECORD_CHUNK = 2048;

    private FetchHandler() {}

    static Completion run(Fetch command, Session s) throws IOException {
        SelectedMailbox selected = s.selected();
        Mailbox mailbox = selected.mailbox();
        UidSet uids;
        try {
            uids = selected.uidsOf(command.set(), command.uid());
        } catch (SelectedMailbox.BadSequence e) {
            return Completion.bad(e.getMessage());
        }
        List<FetchItem> items = new ArrayList<>(command.items());
        if (command.uid() && items.stream().noneMatch(i -> i instanceof FetchItem.Uid))
            items.addFirst(new FetchItem.Uid());
        if (command.changedSince().isPresent() || items.stream().anyMatch(i -> i instanceof FetchItem.ModSeq)) {
            s.enableCondstore();
            if (items.stream().noneMatch(i -> i instanceof FetchItem.ModSeq)) items.add(new FetchItem.ModSeq());
        }
        ResponseWriter out = s.out();
        if (command.vanished()) {
            if (!s.qresync()) return Completion.bad("VANISHED needs QRESYNC enabled");
            Changes changes = mailbox.changesSince(command.changedSince().getAsLong());
            var gone = new ArrayList<Long>();
            for (long uid : changes.vanished()) if (uids.contains(uid)) gone.add(uid);
            if (!gone.isEmpty())
                out.raw("* VANISHED (EARLIER) ").raw(UidSet.of(gone).toString()).end();
        }
        if (uids.isEmpty()) return Completion.ok("FETCH completed");

        OptionalLong changedSince = command.changedSince();
        // Records are read and written a chunk at a time: a FETCH over 100,000 messages never
        // holds them all, and each chunk dies young.
        List<UidSet> chunks = changedSince.isPresent() ? List.of(uids) : selected.chunks(uids, RECORD_CHUNK);
        Completion failure = null;
        out.hold();
        try {
            for (UidSet chunk : chunks) {
                Completion f = writeChunk(command, s, items, chunk, changedSince);
                if (f != null) failure = f;
            }
        } finally {
            out.release();
        }
        if (failure != null) return failure;
        return Completion.ok("FETCH completed");
    }

    /** Writes the FETCH responses of one chunk of UIDs; a NO to complete with, or null. */
    private static Completion writeChunk(
            Fetch command, Session s, List<FetchItem> items, UidSet chunk, OptionalLong changedSince)
            throws IOException {
        SelectedMailbox selected = s.selected();
        Mailbox mailbox = selected.mailbox();
        ResponseWriter out = s.out();
        // CHANGEDSINCE reads the MODSEQ index instead of every record (RFC 7162 §3.1.4.1).
        List<MessageRecord> records = changedSince.isPresent()
                ? mailbox.changesSince(changedSince.getAsLong()).changed().stream()
                        .filter(r -> chunk.contains(r.uid()))
                        .toList()
                : mailbox.fetch(chunk);
        Map<Long, MessageRecord> seen = markSeen(s, items, records, changedSince);
        boolean needsSummary =
                items.stream().anyMatch(i -> i instanceof FetchItem.Envelope || i instanceof FetchItem.Structure);
        // Most FETCHes (flags, envelopes) open no message: then nothing is prepared per message.
        boolean readsMessages = items.stream()
                .anyMatch(i -> i instanceof FetchItem.Body
                        || i instanceof FetchItem.Binary
                        || i instanceof FetchItem.BinarySize);
        var options = s.syncOptions(false, command.uid());
        Completion failure = null;
        Map<Long, MessageSummary> summaries = Map.of();
        for (int index = 0; index < records.size(); index++) {
            MessageRecord record = records.get(index);
            if (needsSummary && !summaries.containsKey(record.uid())) {
                // Summaries are read a chunk at a time, in one pass each, never all at once.
                var wanted = new ArrayList<Long>(SUMMARY_CHUNK);
                for (int k = index; k < Math.min(records.size(), index + SUMMARY_CHUNK); k++)
                    wanted.add(records.get(k).uid());
                summaries = mailbox.summaries(UidSet.of(wanted));
            }
            if (changedSince.isPresent() && record.modSeq() <= changedSince.getAsLong()) continue;
            int seq = selected.seqOf(record.uid());
            // A message the client has not been told of yet keeps its old view: new ones are
            // announced by EXISTS at the end of the command.
            if (seq == 0) continue;
            MessageRecord current = seen.isEmpty() ? record : seen.getOrDefault(record.uid(), record);
            boolean flagsChanged = current != record;
            List<BodyWriter.Prepared> prepared;
            MessageSummary summary;
            try {
                summary = needsSummary ? summaries.get(record.uid()) : null;
                if (needsSummary && summary == null) continue; // expunged meanwhile
                prepared = readsMessages ? prepare(mailbox, current, items) : List.of();
            } catch (BodyWriter.Refused e) {
                failure = Completion.no(e.code, e.getMessage());
                continue;
            } catch (MailboxException e) {
                if (e.reason() == MailboxException.Reason.NONEXISTENT) continue; // expunged meanwhile
                out.untagged("NO [CORRUPTION] message UID " + record.uid() + " cannot be read: " + e.getMessage());
                failure = Completion.no("CORRUPTION", "some messages could not be read");
                continue;
            }
            out.raw("* ").number(seq).raw(" FETCH (");
            boolean flagsWritten = false;
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) out.sp();
                switch (items.get(i)) {
                    case FetchItem.Uid u -> out.raw("UID ").number(current.uid());
                    case FetchItem.Flags f -> {
                        out.raw("FLAGS ");
                        FlagList.write(out, current.flags(), options.rev1() && selected.isRecent(current.uid()));
                        flagsWritten = true;
                    }
                    case FetchItem.InternalDate d ->
                        out.raw("INTERNALDATE \"")
                                .raw(ImapDates.dateTime(current.internalDate()))
                                .raw("\"");
                    case FetchItem.Rfc822Size z -> out.raw("RFC822.SIZE ").number(current.size());
                    case FetchItem.Envelope e -> {
                        out.raw("ENVELOPE ");
                        MessageStructure.envelope(out, summary.envelope());
                    }
                    case FetchItem.Structure st -> {
                        out.raw(st.extensible() ? "BODYSTRUCTURE " : "BODY ");
                        MessageStructure.body(out, summary.body(), st.extensible());
                    }
                    case FetchItem.Body b -> prepared.get(i).write(out);
                    case FetchItem.Binary b -> prepared.get(i).write(out);
                    case FetchItem.BinarySize b -> prepared.get(i).write(out);
                    case FetchItem.ModSeq m ->
                        out.raw("MODSEQ (").number(current.modSeq()).raw(")");
                    case FetchItem.EmailId e ->
                        out.raw("EMAILID (").raw(current.guid().hex()).raw(")");
                    case FetchItem.ThreadId t -> out.raw("THREADID NIL");
                    case FetchItem.SaveDate d ->
                        out.raw("SAVEDATE \"")
                                .raw(ImapDates.dateTime(current.saveDate()))
                                .raw("\"");
                }
            }
            // RFC 9051 §6.4.5: reading a body sets \Seen, and the new flags are returned with it.
            if (flagsChanged && !flagsWritten) {
                out.raw(" FLAGS ");
                FlagList.write(out, current.flags(), options.rev1() && selected.isRecent(current.uid()));
            }
            out.raw(")").end();
            // Only a response that carried FLAGS told the client the flags as of this MODSEQ.
            // A change at or below the last sync point is never announced again anyway, so only newer
            // ones need remembering (this keeps a FETCH of 100,000 flags free of bookkeeping).
            if ((flagsWritten || flagsChanged) && current.modSeq() > selected.knownModSeq()) {
                selected.reported(current.uid(), current.modSeq());
            }
        }
        return failure;
    }

    /** Sets \Seen, in one write, on the messages whose body this FETCH reads without PEEK. */
    private static Map<Long, MessageRecord> markSeen(
            Session s, List<FetchItem> items, List<MessageRecord> records, OptionalLong changedSince) {
        Map<Long, MessageRecord> updated = new HashMap<>();
        if (s.selected().readOnly()) return updated;
        boolean reads = items.stream()
                .anyMatch(i -> (i instanceof FetchItem.Body b && !b.peek())
                        || (i instanceof FetchItem.Binary b2 && !b2.peek()));
        if (!reads) return updated;
        var unseen = new ArrayList<Long>();
        for (MessageRecord r : records) {
            if (changedSince.isPresent() && r.modSeq() <= changedSince.getAsLong()) continue;
            if (!r.flags().has(Flags.SEEN) && s.selected().seqOf(r.uid()) > 0) unseen.add(r.uid());
        }
        if (unseen.isEmpty()) return updated;
        var result = s.selected()
                .mailbox()
                .store(
                        UidSet.of(unseen),
                        new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)),
                        OptionalLong.empty());
        for (MessageRecord r : result.records()) updated.put(r.uid(), r);
        return updated;
    }

    /**
     * Prepares the body items of one message (null for the others). Either all are ready, or
     * none is left open.
     */
    private static List<BodyWriter.Prepared> prepare(Mailbox mailbox, MessageRecord record, List<FetchItem> items)
            throws IOException, BodyWriter.Refused {
        var prepared = new ArrayList<BodyWriter.Prepared>(items.size());
        BodyWriter.MessageAccess access = null;
        try {
            for (FetchItem item : items) {
                if (access == null
                        && (item instanceof FetchItem.Body
                                || item instanceof FetchItem.Binary
                                || item instanceof FetchItem.BinarySize)) {
                    access = new BodyWriter.MessageAccess(mailbox, record);
                }
                prepared.add(
                        switch (item) {
                            case FetchItem.Body b -> BodyWriter.body(access, b);
                            case FetchItem.Binary b -> BodyWriter.binary(access, b);
                            case FetchItem.BinarySize b -> BodyWriter.binarySize(access, b);
                            default -> null;
                        });
            }
            return prepared;
        } catch (IOException | BodyWriter.Refused | RuntimeException e) {
            for (BodyWriter.Prepared p : prepared) {
                if (p == null) continue;
                try {
                    p.close();
                } catch (IOException ignored) {
                    // Closing what will not be sent; the first failure is the one to report.
                }
            }
            throw e;
        }
    }
}
