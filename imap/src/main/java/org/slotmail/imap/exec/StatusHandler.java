package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.List;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Status;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/** STATUS (RFC 9051 §6.3.11, CONDSTORE, STATUS=SIZE RFC 8438, OBJECTID, APPENDLIMIT RFC 7889). */
final class StatusHandler {
    private static final List<String> ITEMS = List.of(
            "MESSAGES",
            "UIDNEXT",
            "UIDVALIDITY",
            "UNSEEN",
            "DELETED",
            "SIZE",
            "HIGHESTMODSEQ",
            "RECENT",
            "APPENDLIMIT",
            "MAILBOXID");

    private StatusHandler() {}

    static Completion run(Status command, Session s) throws IOException {
        for (String item : command.items()) {
            if (!ITEMS.contains(item)) return Completion.bad("unknown STATUS item " + item);
        }
        MailboxName name = s.mailboxName(command.mailbox());
        Mailbox mailbox = s.mail().open(name);
        write(s, mailbox, command.items());
        return Completion.ok("STATUS completed");
    }

    /** Writes {@code * STATUS name (items)}; LIST-STATUS uses it too. */
    static void write(Session s, Mailbox mailbox, List<String> items) throws IOException {
        MailboxInfo info = mailbox.info();
        if (items.contains("HIGHESTMODSEQ")) s.enableCondstore();
        var out = s.out();
        out.raw("* STATUS ").astring(s.wireName(info.name())).raw(" (");
        boolean first = true;
        for (String item : items) {
            if (!first) out.sp();
            first = false;
            out.raw(item).sp();
            switch (item) {
                case "MESSAGES" -> out.number(info.messages());
                case "UIDNEXT" -> out.number(info.uidNext());
                case "UIDVALIDITY" -> out.number(info.uidValidity());
                case "UNSEEN" -> out.number(info.unseen());
                case "DELETED" -> out.number(deleted(mailbox));
                case "SIZE" -> out.number(info.size());
                case "HIGHESTMODSEQ" -> out.number(info.highestModSeq());
                case "RECENT" -> out.number(recent(s, mailbox));
                case "APPENDLIMIT" -> out.number(s.settings().limits().maxMessageSize());
                case "MAILBOXID" -> out.raw("(").raw(info.id().toString()).raw(")");
                default -> throw new IllegalStateException(item);
            }
        }
        out.raw(")").end();
    }

    private static long deleted(Mailbox mailbox) {
        long n = 0;
        for (MessageRecord r : mailbox.fetch(UidSet.ALL)) if (r.flags().has(Flags.DELETED)) n++;
        return n;
    }

    private static long recent(Session s, Mailbox mailbox) {
        long claimed = s.views().claimed(mailbox.id());
        long n = 0;
        for (long uid : mailbox.uids()) if (uid > claimed) n++;
        return n;
    }
}
