package org.slotmail.store.record;

/**
 * One channel-queue entry: "this mailbox changed" or "this account's non-mailbox state changed"
 * (subscriptions, quota), with the time it was queued for measuring lag.
 */
public sealed interface ChangeEntry {
    long queuedAtMillis();

    /** A mailbox's messages, flags, name or existence changed. */
    record MailboxChanged(org.slotmail.mailbox.MailboxId mailbox, long queuedAtMillis) implements ChangeEntry {}

    /** An account's subscriptions or quota usage changed, or it was provisioned or purged. */
    record AccountChanged(long accountId, long queuedAtMillis) implements ChangeEntry {}

    int VERSION = 1;

    default byte[] encode() {
        return switch (this) {
            case MailboxChanged m ->
                new RowWriter(VERSION)
                        .u8(1)
                        .raw(Keys.mailbox(m.mailbox()))
                        .i64(m.queuedAtMillis())
                        .toBytes();
            case AccountChanged a ->
                new RowWriter(VERSION)
                        .u8(2)
                        .i64(a.accountId())
                        .i64(a.queuedAtMillis())
                        .toBytes();
        };
    }

    static ChangeEntry decode(byte[] payload) {
        var r = new RowReader(payload, VERSION);
        ChangeEntry e = switch (r.u8()) {
            case 1 -> new MailboxChanged(Keys.mailboxId(r.raw(16)), r.i64());
            case 2 -> new AccountChanged(r.i64(), r.i64());
            default -> throw new RecordCorruptedException("unknown change entry kind");
        };
        r.end();
        return e;
    }
}
