package org.slotmail.pop3.session;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/**
 * A POP3 session's maildrop: the account's INBOX as it was at login. Message numbers are positions
 * in that snapshot and keep naming the same message for the whole session (RFC 1939 §3), whatever
 * other sessions do meanwhile; a message expunged elsewhere stays listed and fails only when its
 * bytes are read.
 *
 * <p>There is no maildrop lock: every change this session makes names messages by UID, so two
 * sessions on one INBOX (POP3 or IMAP) can never remove each other's messages by mistake, and a
 * client whose connection died cannot lock its owner out until the idle timeout. Two POP3 sessions
 * at once may both download a message; the stable UIDL lets the client tell.
 *
 * <p>Unique ids (RFC 1939 §7, UIDL) are the INBOX's mailbox id, which survives renames and is the
 * same on every replica, and the message's UID, which the mailbox never reuses: 32 hex digits, a
 * dot and a decimal number, at most 43 characters of 0x21-0x7E. A sequence number never enters.
 */
public final class Maildrop {
    /** One message of the snapshot: its number in this session, its UID and its stored size. */
    public record Message(int number, long uid, long size) {}

    private final Mailbox mailbox;
    private final String uidPrefix;
    private final long[] uids;
    private final long[] sizes;
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();

    private Maildrop(Mailbox mailbox, List<MessageRecord> records) {
        this.mailbox = mailbox;
        this.uidPrefix = mailbox.id().value().toString().replace("-", "") + ".";
        this.uids = records.stream().mapToLong(MessageRecord::uid).toArray();
        this.sizes = records.stream().mapToLong(MessageRecord::size).toArray();
    }

    /** Takes the snapshot of the account's INBOX (created on first use by the store). */
    public static Maildrop open(AccountMail mail) {
        Mailbox inbox = mail.open(MailboxName.INBOX);
        return new Maildrop(inbox, inbox.fetch(UidSet.ALL));
    }

    /** The message with this number, if the snapshot has one (marked as deleted or not). */
    public Optional<Message> find(long number) {
        if (number < 1 || number > uids.length) return Optional.empty();
        int i = (int) number - 1;
        return Optional.of(new Message((int) number, uids[i], sizes[i]));
    }

    public boolean isDeleted(Message m) {
        return deleted.get(m.number() - 1);
    }

    /** Messages not marked as deleted, in number order (LIST, UIDL). */
    public List<Message> live() {
        var out = new ArrayList<Message>(uids.length - deleted.cardinality());
        for (int i = 0; i < uids.length; i++) {
            if (!deleted.get(i)) out.add(new Message(i + 1, uids[i], sizes[i]));
        }
        return out;
    }

    /** How many messages are not marked as deleted (STAT). */
    public int liveCount() {
        return uids.length - deleted.cardinality();
    }

    /** Their total size in octets (STAT). */
    public long liveSize() {
        long total = 0;
        for (int i = 0; i < uids.length; i++) if (!deleted.get(i)) total += sizes[i];
        return total;
    }

    /** The message's unique-id listing value; see the class comment. */
    public String uniqueId(Message m) {
        return uidPrefix + m.uid();
    }

    /**
     * The message's exact bytes, checked against its GUID; throws {@code NONEXISTENT} when another
     * session expunged it since the snapshot.
     */
    public InputStream content(Message m) {
        return mailbox.content(m.uid());
    }

    public void markDeleted(Message m) {
        deleted.set(m.number() - 1);
    }

    /** RSET: nothing is marked any more. */
    public void unmarkAll() {
        deleted.clear();
    }

    /** Notes that the client retrieved a message whole; it becomes \Seen when the session ends. */
    public void retrieved(Message m) {
        retrieved.set(m.number() - 1);
    }

    /**
     * Sets \Seen on the messages retrieved and not marked as deleted, in one write, as Dovecot does
     * with its default settings: an IMAP client of the same account then shows them as read.
     * Idempotent. A message expunged elsewhere meanwhile is skipped by the store.
     */
    public void markRetrievedSeen() {
        var seen = new ArrayList<Long>();
        for (int i = retrieved.nextSetBit(0); i >= 0; i = retrieved.nextSetBit(i + 1)) {
            if (!deleted.get(i)) seen.add(uids[i]);
        }
        retrieved.clear();
        if (seen.isEmpty()) return;
        mailbox.store(UidSet.of(seen), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)), OptionalLong.empty());
    }

    /**
     * The UPDATE state (RFC 1939 §6): removes exactly the messages marked as deleted, by UID. The
     * mailbox API removes only messages flagged \Deleted, so they are flagged first and then expunged
     * by that UID set; a message another session expunged meanwhile is simply not there any more.
     * If the expunge fails after the flags were set, the messages stay, flagged \Deleted, which is
     * what an IMAP client would have asked for; the client is told that not all were removed.
     * Returns the UIDs removed.
     */
    public List<Long> update() {
        var doomed = new ArrayList<Long>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) doomed.add(uids[i]);
        if (doomed.isEmpty()) return List.of();
        UidSet set = UidSet.of(doomed);
        mailbox.store(set, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)), OptionalLong.empty());
        return mailbox.expunge(Optional.of(set));
    }
}
