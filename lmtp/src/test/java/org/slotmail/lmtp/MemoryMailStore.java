package org.slotmail.lmtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.DeliveryResult;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.QuotaUsage;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.StagedMessage;

/**
 * A store in memory, for the LMTP tests: it keeps what was delivered, applies quotas and the INBOX
 * fallback as the real store does, counts discarded writers, and can be told to fail.
 */
final class MemoryMailStore implements MailStore {
    /** One message in one mailbox. */
    record Stored(Account account, MailboxName mailbox, long uid, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        /** The message as the client sent it: everything after our Return-Path and Received headers. */
        String body() {
            String text = text();
            int received = text.indexOf("\r\nReceived: ");
            int end = text.indexOf("\r\n", text.indexOf(";\r\n\t", received) + 3);
            return text.substring(end + 2);
        }
    }

    private final Map<Long, Set<MailboxName>> folders = new HashMap<>();
    private final Map<Long, QuotaUsage> usage = new HashMap<>();
    private long nextUid = 1;
    final List<Stored> stored = new CopyOnWriteArrayList<>();
    final List<List<Recipient>> deliveries = new CopyOnWriteArrayList<>();
    final AtomicInteger writersOpened = new AtomicInteger();
    final AtomicInteger writersDiscarded = new AtomicInteger();
    volatile RuntimeException deliveryFailure;
    volatile boolean failWrites;

    synchronized void createFolder(Account account, String name) {
        folders.computeIfAbsent(account.id(), id -> new HashSet<>()).add(new MailboxName(name));
    }

    @Override
    public AccountMail account(Account account) {
        throw new UnsupportedOperationException("LMTP does not open accounts");
    }

    @Override
    public MessageWriter newMessage() {
        writersOpened.incrementAndGet();
        return new Writer();
    }

    @Override
    public synchronized List<DeliveryResult> deliver(StagedMessage message, List<Recipient> recipients) {
        if (deliveryFailure != null) throw deliveryFailure;
        deliveries.add(List.copyOf(recipients));
        byte[] bytes = ((Staged) message).bytes;
        var results = new ArrayList<DeliveryResult>();
        for (Recipient r : recipients) {
            Account account = r.account();
            QuotaUsage used = usage.getOrDefault(account.id(), new QuotaUsage(0, 0));
            if (!account.quota().allows(used, bytes.length, 1)) {
                results.add(new DeliveryResult.Rejected(MailboxException.Reason.OVER_QUOTA, "over quota"));
                continue;
            }
            var existing = folders.getOrDefault(account.id(), Set.of());
            MailboxName mailbox = r.folder().filter(existing::contains).orElse(MailboxName.INBOX);
            long uid = nextUid++;
            stored.add(new Stored(account, mailbox, uid, bytes));
            usage.put(account.id(), new QuotaUsage(used.bytes() + bytes.length, used.messages() + 1));
            results.add(new DeliveryResult.Delivered(mailbox, uid));
        }
        return results;
    }

    List<Stored> storedFor(Account account) {
        return stored.stream().filter(s -> s.account().equals(account)).toList();
    }

    @Override
    public void close() {}

    private final class Writer implements MessageWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean finished;
        private boolean closed;

        private final OutputStream body = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (failWrites) throw new IOException("spool disk full (test)");
                if (closed) throw new IOException("writer closed");
                bytes.write(b, off, len);
            }
        };

        @Override
        public OutputStream body() {
            return body;
        }

        @Override
        public StagedMessage finish() {
            finished = true;
            return new Staged(bytes.toByteArray());
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (!finished) writersDiscarded.incrementAndGet();
        }
    }

    private record Staged(byte[] bytes) implements StagedMessage {
        @Override
        public Guid guid() {
            try {
                return Guid.of(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public MessageSummary summary() {
            throw new UnsupportedOperationException("LMTP does not read summaries");
        }

        @Override
        public void close() {}
    }
}
