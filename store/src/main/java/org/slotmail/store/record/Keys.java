package org.slotmail.store.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;

/**
 * Key layouts. Numbers are big-endian so that byte order is numeric order; a mailbox's messages,
 * MODSEQ entries and an account's names are each one contiguous range.
 */
public final class Keys {
    private Keys() {}

    public static byte[] account(long accountId) {
        return ByteBuffer.allocate(8).putLong(accountId).array();
    }

    public static long accountId(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    public static byte[] address(String address) {
        return address.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] mailbox(MailboxId id) {
        UUID u = id.value();
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }

    public static MailboxId mailboxId(byte[] key) {
        var b = ByteBuffer.wrap(key);
        return new MailboxId(new UUID(b.getLong(), b.getLong()));
    }

    /** account id + name: MAILBOX_NAMES and SUBSCRIPTIONS. */
    public static byte[] name(long accountId, MailboxName name) {
        byte[] n = name.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + n.length).putLong(accountId).put(n).array();
    }

    public static MailboxName nameOf(byte[] key) {
        return new MailboxName(new String(key, 8, key.length - 8, StandardCharsets.UTF_8));
    }

    /** The first key after every key starting with {@code prefix}. */
    public static byte[] after(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null; // all 0xff: no upper bound
    }

    /** mailbox id + UID: MESSAGES and SUMMARIES. */
    public static byte[] message(MailboxId id, long uid) {
        return ByteBuffer.allocate(24).put(mailbox(id)).putLong(uid).array();
    }

    public static long uidOf(byte[] messageKey) {
        return ByteBuffer.wrap(messageKey, 16, 8).getLong();
    }

    /** mailbox id + MODSEQ + UID: the MODSEQ index. */
    public static byte[] modSeq(MailboxId id, long modSeq, long uid) {
        return ByteBuffer.allocate(32)
                .put(mailbox(id))
                .putLong(modSeq)
                .putLong(uid)
                .array();
    }

    public static byte[] modSeqFrom(MailboxId id, long modSeq) {
        return ByteBuffer.allocate(24).put(mailbox(id)).putLong(modSeq).array();
    }

    public static long modSeqOf(byte[] modSeqKey) {
        return ByteBuffer.wrap(modSeqKey, 16, 8).getLong();
    }

    public static long modSeqUidOf(byte[] modSeqKey) {
        return ByteBuffer.wrap(modSeqKey, 24, 8).getLong();
    }

    public static byte[] blob(Guid guid) {
        return guid.bytes();
    }

    /** channel name + NUL + sequence: one queue per channel, in order. */
    public static byte[] channel(String channel, long seq) {
        byte[] n = channel.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(n.length + 9)
                .put(n)
                .put((byte) 0)
                .putLong(seq)
                .array();
    }

    public static byte[] channelPrefix(String channel) {
        byte[] n = channel.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(n.length + 1).put(n).put((byte) 0).array();
    }

    public static long channelSeqOf(byte[] key) {
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }

    /** account id + mailbox id: DELETED_MAILBOXES, one account's deleted mailboxes together. */
    public static byte[] deletedMailbox(long accountId, MailboxId id) {
        return ByteBuffer.allocate(24).putLong(accountId).put(mailbox(id)).array();
    }

    /** channel name + NUL + what changed (kind, then mailbox or account id): one parking per mailbox or account. */
    public static byte[] parked(String channel, ChangeEntry change) {
        byte[] prefix = channelPrefix(channel);
        return switch (change) {
            case ChangeEntry.MailboxChanged m ->
                ByteBuffer.allocate(prefix.length + 17)
                        .put(prefix)
                        .put((byte) 1)
                        .put(mailbox(m.mailbox()))
                        .array();
            case ChangeEntry.AccountChanged a ->
                ByteBuffer.allocate(prefix.length + 9)
                        .put(prefix)
                        .put((byte) 2)
                        .putLong(a.accountId())
                        .array();
        };
    }

    /** META: the last sequence number acknowledged on a channel. */
    public static byte[] channelAcked(String channel) {
        return meta("channel-acked:" + channel);
    }

    public static byte[] meta(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
