package org.slotmail.store.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AppendResult;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.StagedMessage;

/** A real store on a temporary directory, with small messages to put in it. */
final class StoreFixture implements AutoCloseable {
    final Path dir;
    SlotStore store;

    StoreFixture(Path dir) {
        this(dir, List.of());
    }

    StoreFixture(Path dir, List<String> channels) {
        this.dir = dir;
        this.store = SlotStore.open(StoreSettings.defaults(dir).withChannels(channels));
    }

    static Account account(long id, String address) {
        return new Account(id, address, QuotaLimits.UNLIMITED);
    }

    void restart() {
        var settings = store.settings();
        store.close();
        store = SlotStore.open(settings);
    }

    StagedMessage stage(byte[] bytes) {
        try (var w = store.newMessage()) {
            w.body().write(bytes);
            return w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] message(String subject, String body) {
        return ("From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + subject.hashCode() + "." + body.hashCode() + "@example.com>\r\n"
                        + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    AppendResult append(Mailbox mailbox, byte[] bytes, Flags flags) {
        try (var staged = stage(bytes)) {
            return mailbox.append(staged, flags, Instant.parse("2026-11-23T10:00:00Z"));
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
