package org.slotmail.imap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.DeliveryResult;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.Recipient;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;

/** An IMAP server on a free loopback port over a real slot store in a temporary directory. */
final class TestServer implements AutoCloseable {
    final SlotStore store;
    final TestAccounts accounts = new TestAccounts();
    final ImapServer server;

    TestServer(Path dir) throws IOException {
        this(dir, ImapSettings.defaults("imap.test", 1024 * 1024));
    }

    TestServer(Path dir, ImapSettings settings) throws IOException {
        this(dir, settings, () -> true);
    }

    TestServer(Path dir, ImapSettings settings, org.slotmail.imap.session.Session.Role role) throws IOException {
        this(dir, settings, role, LoginGuard.standalone());
    }

    TestServer(Path dir, ImapSettings settings, LoginGuard guard) throws IOException {
        this(dir, settings, () -> true, guard);
    }

    private TestServer(Path dir, ImapSettings settings, org.slotmail.imap.session.Session.Role role, LoginGuard guard)
            throws IOException {
        store = SlotStore.open(StoreSettings.defaults(dir));
        server = new ImapServer(store, accounts, settings, new InetSocketAddress("127.0.0.1", 0), false, role, guard);
        server.start();
    }

    /**
     * The password of a test account. Every password in the test suite starts with {@code
     * pw-secret-}, so the log scan run at the end of the build ({@code it}'s SecretsInLogsCheck) can
     * find any that leaked into a log.
     */
    static String password(String address) {
        return "pw-secret-" + address;
    }

    Account user(String address) {
        return accounts.add(address, password(address), QuotaLimits.UNLIMITED);
    }

    /** A connected, logged-in client. */
    ImapTestClient login(String address) throws IOException {
        var c = new ImapTestClient(server.port());
        c.ok("LOGIN " + address + " " + password(address));
        return c;
    }

    /** Delivers a message as LMTP would, into INBOX; returns its UID. */
    long deliver(Account account, String message) {
        try (MessageWriter w = store.newMessage()) {
            w.body().write(message.getBytes(StandardCharsets.UTF_8));
            try (var staged = w.finish()) {
                var result = store.deliver(staged, List.of(new Recipient(account, java.util.Optional.empty())));
                return ((DeliveryResult.Delivered) result.getFirst()).uid();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(2));
        server.close();
        store.close();
    }
}
