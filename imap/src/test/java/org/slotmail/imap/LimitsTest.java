package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.UidSet;

/** Connection limits, the idle timeout and a graceful stop, over real sockets against a real store. */
class LimitsTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private TestServer server(ImapSettings settings) throws IOException {
        var server = new TestServer(dir, settings);
        open.add(server);
        server.user("alice@example.com");
        return server;
    }

    private ImapTestClient from(String address, TestServer server) throws IOException {
        var c = new ImapTestClient(address, server.server.port());
        open.add(c);
        return c;
    }

    @Test
    void connectionsOverThePerAddressAndTotalLimitsGetByeAndTheOthersAreServed() throws Exception {
        var server = server(ImapSettings.defaults("imap.test", 1 << 20).withConnectionLimits(3, 2));
        var a1 = from("127.0.0.2", server);
        var a2 = from("127.0.0.2", server);
        assertThat(a1.greeting).startsWith("* OK");
        assertThat(a2.greeting).startsWith("* OK");
        var a3 = from("127.0.0.2", server);
        assertThat(a3.greeting).isEqualTo("* BYE [UNAVAILABLE] too many connections from your address");
        assertThat(a3.readLine()).isNull();

        var b1 = from("127.0.0.3", server);
        assertThat(b1.greeting).startsWith("* OK");
        var c1 = from("127.0.0.4", server);
        assertThat(c1.greeting).isEqualTo("* BYE [UNAVAILABLE] too many connections, try again later");

        a1.ok("LOGOUT");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.server.activeConnections() == 2);
        var c2 = from("127.0.0.4", server);
        assertThat(c2.greeting).startsWith("* OK");
        c2.ok("LOGIN alice@example.com " + TestServer.password("alice@example.com"));
    }

    @Test
    void theDefaultIdleTimeoutIsAtLeastThirtyMinutes() {
        // RFC 9051 §5.4: an autologout timer of at least 30 minutes.
        assertThat(ImapSettings.defaults("imap.test", 1 << 20).idleTimeout())
                .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aSilentSessionIsLoggedOutAfterTheIdleTimeout() throws Exception {
        var server = server(ImapSettings.defaults("imap.test", 1 << 20).withIdleTimeout(Duration.ofMillis(300)));
        var c = from(null, server);
        c.ok("LOGIN alice@example.com " + TestServer.password("alice@example.com"));
        c.ok("SELECT INBOX");
        assertThat(c.readLine()).isEqualTo("* BYE autologout: idle for too long");
        assertThat(c.readLine()).isNull();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.server.activeConnections() == 0);
    }

    @Test
    void stoppingTheServerLetsAnAppendInProgressFinishAndEndsIdleSessions() throws Exception {
        var server = server(ImapSettings.defaults("imap.test", 1 << 20));
        var account = server.accounts.find("alice@example.com").orElseThrow();
        var idle = from(null, server);
        idle.ok("LOGIN alice@example.com " + TestServer.password("alice@example.com"));
        var busy = from(null, server);
        busy.ok("LOGIN alice@example.com " + TestServer.password("alice@example.com"));

        String message = "Subject: half way\r\n\r\nsent in two halves\r\n";
        busy.send("a APPEND INBOX {" + message.length() + "}\r\n");
        assertThat(busy.readLine()).startsWith("+ ");
        busy.send(message.substring(0, 10));

        // The stop begins while the literal is half sent; the grace period covers the rest.
        var stopped = CompletableFuture.runAsync(() -> server.server.stop(Duration.ofSeconds(20)));
        assertThat(idle.readLine()).isEqualTo("* BYE [UNAVAILABLE] server shutting down");
        assertThat(stopped).isNotDone();
        busy.send(message.substring(10) + "\r\n");
        assertThat(busy.until("a").getLast()).startsWith("a OK [APPENDUID ");
        stopped.get();
        var inbox = server.store.account(account).open(MailboxName.INBOX);
        assertThat(inbox.fetch(UidSet.ALL)).hasSize(1);
    }
}
