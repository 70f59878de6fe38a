package org.slotmail.pop3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.DeliveryResult;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.Recipient;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.net.login.LoginThrottle;
import org.slotmail.net.login.LoginThrottleSettings;
import org.slotmail.pop3.session.Pop3Settings;
import org.slotmail.pop3.session.Session;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;

/**
 * A POP3 server on a free loopback port over a real slot store in a directory, with an implicit-TLS
 * twin when the settings carry a TLS context.
 */
final class TestServer implements AutoCloseable {
    final SlotStore store;
    final TestAccounts accounts;
    final Pop3Server server;
    final Pop3Server tlsServer;
    final LoginGuard guard;

    TestServer(Path dir) throws IOException {
        this(dir, Pop3Settings.defaults("pop3.test"));
    }

    TestServer(Path dir, Pop3Settings settings) throws IOException {
        this(dir, settings, () -> true, new TestAccounts());
    }

    TestServer(Path dir, Pop3Settings settings, Session.Role role, TestAccounts accounts) throws IOException {
        this(dir, settings, role, accounts, fastGuard());
    }

    TestServer(Path dir, Pop3Settings settings, Session.Role role, TestAccounts accounts, LoginGuard guard)
            throws IOException {
        this.accounts = accounts;
        this.guard = guard;
        store = SlotStore.open(StoreSettings.defaults(dir));
        var loopback = new InetSocketAddress("127.0.0.1", 0);
        server = new Pop3Server(store, accounts, settings, loopback, false, role, guard);
        server.start();
        if (settings.tls() != null) {
            tlsServer = new Pop3Server(store, accounts, settings, loopback, true, role, guard);
            tlsServer.start();
        } else {
            tlsServer = null;
        }
    }

    /** The slot's throttle with pauses of milliseconds, not seconds, so failures stay quick to test. */
    static LoginGuard fastGuard() {
        var settings = LoginThrottleSettings.defaults().withDelays(Duration.ofMillis(5), Duration.ofMillis(40));
        return new LoginGuard(new LoginThrottle(settings, Clock.systemUTC()), new AccountSessions(3));
    }

    static String password(String address) {
        return "pw-secret-" + address;
    }

    Account user(String address) {
        return accounts.add(address, password(address));
    }

    Pop3TestClient connect() throws IOException {
        return Pop3TestClient.connect(server.port());
    }

    /** A connected client in the TRANSACTION state. */
    Pop3TestClient login(String address) throws IOException {
        var c = connect();
        c.ok("USER " + address);
        c.ok("PASS " + password(address));
        return c;
    }

    Mailbox inbox(Account account) {
        return store.account(account).open(MailboxName.INBOX);
    }

    /** Delivers a message as LMTP would, into INBOX; returns its UID. */
    long deliver(Account account, byte[] message) {
        try (MessageWriter w = store.newMessage()) {
            w.body().write(message);
            try (var staged = w.finish()) {
                var result = store.deliver(staged, List.of(new Recipient(account, Optional.empty())));
                return ((DeliveryResult.Delivered) result.getFirst()).uid();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long deliver(Account account, String message) {
        return deliver(account, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(2));
        if (tlsServer != null) tlsServer.stop(Duration.ofSeconds(2));
        store.close();
    }
}
