package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.UidSet;
import org.slotmail.pop3.session.Pop3Settings;

/**
 * Deletions and the UPDATE state (RFC 1939 §6): only QUIT removes what DELE marked; any other end
 * of the session removes nothing. UIDL values stay the same across sessions and restarts.
 */
class UpdateStateTest {
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    @Test
    void deleThenQuitExpungesExactlyTheMarkedMessages() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            long first = server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            long second = server.deliver(alice, "Subject: 2\r\n\r\ntwo\r\n");
            long third = server.deliver(alice, "Subject: 3\r\n\r\nthree\r\n");
            try (var c = server.login(ALICE)) {
                c.ok("DELE 1");
                c.ok("DELE 3");
                assertThat(c.ok("QUIT")).contains("2 messages deleted");
                assertThat(c.closedByServer()).isTrue();
            }
            assertThat(server.inbox(alice).uids()).containsExactly(second);
            assertThat(first).isLessThan(third);
        }
    }

    @Test
    void deleThenDisconnectKeepsEverything() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            long uid = server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            try (var c = server.login(ALICE)) {
                c.ok("DELE 1");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server.activeConnections() == 0);
            assertThat(server.inbox(alice).uids()).containsExactly(uid);
            assertThat(server.inbox(alice).fetch(UidSet.ALL).getFirst().flags().has(Flags.DELETED))
                    .isFalse();
        }
    }

    @Test
    void deleThenIdleTimeoutKeepsEverythingAndSaysNothing() throws Exception {
        var settings = Pop3Settings.defaults("pop3.test").withIdleTimeout(Duration.ofMillis(300));
        try (var server = new TestServer(dir, settings)) {
            var alice = server.user(ALICE);
            long uid = server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            try (var c = server.login(ALICE)) {
                c.ok("DELE 1");
                // RFC 1939 §3: the autologout timer closes without a response and without UPDATE.
                assertThat(c.readLine()).isNull();
            }
            assertThat(server.inbox(alice).uids()).containsExactly(uid);
        }
    }

    @Test
    void rsetThenQuitKeepsEverything() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            long uid = server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            try (var c = server.login(ALICE)) {
                c.ok("DELE 1");
                c.ok("RSET");
                assertThat(c.ok("QUIT")).contains("0 messages deleted");
            }
            assertThat(server.inbox(alice).uids()).containsExactly(uid);
        }
    }

    @Test
    void retrievedMessagesBecomeSeenTopDoesNotCount() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            server.deliver(alice, "Subject: 2\r\n\r\ntwo\r\n");
            server.deliver(alice, "Subject: 3\r\n\r\nthree\r\n");
            try (var c = server.login(ALICE)) {
                c.message("RETR 1");
                c.message("TOP 2 5");
                c.message("RETR 3");
                c.ok("DELE 3");
                c.ok("QUIT");
            }
            var records = server.inbox(alice).fetch(UidSet.ALL);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).flags().has(Flags.SEEN)).as("retrieved").isTrue();
            assertThat(records.get(1).flags().has(Flags.SEEN)).as("only TOP").isFalse();
        }
    }

    @Test
    void retrievedMessagesBecomeSeenEvenWithoutQuit() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            try (var c = server.login(ALICE)) {
                c.message("RETR 1");
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.inbox(alice)
                            .fetch(UidSet.ALL)
                            .getFirst()
                            .flags()
                            .has(Flags.SEEN));
        }
    }

    @Test
    void uidlIsTheSameInTheNextSessionAndAfterExpunges() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            for (int i = 0; i < 3; i++) server.deliver(alice, "Subject: " + i + "\r\n\r\nbody\r\n");
            java.util.List<String> before;
            try (var c = server.login(ALICE)) {
                before = ids(c.multi("UIDL"));
                c.ok("DELE 1");
                c.ok("QUIT");
            }
            server.deliver(alice, "Subject: new\r\n\r\nbody\r\n");
            try (var c = server.login(ALICE)) {
                var after = ids(c.multi("UIDL"));
                // Message numbers moved (2 is now 1); the unique ids did not.
                assertThat(after).hasSize(3).startsWith(before.get(1), before.get(2));
                assertThat(after.get(2)).isNotIn(before);
            }
        }
    }

    @Test
    void uidlIsTheSameAfterTheStoreRestarts() throws Exception {
        var accounts = new TestAccounts();
        java.util.List<String> before;
        try (var server = new TestServer(dir, Pop3Settings.defaults("pop3.test"), () -> true, accounts)) {
            var alice = server.user(ALICE);
            for (int i = 0; i < 3; i++) server.deliver(alice, "Subject: " + i + "\r\n\r\nbody\r\n");
            try (var c = server.login(ALICE)) {
                before = c.multi("UIDL");
            }
        }
        try (var server = new TestServer(dir, Pop3Settings.defaults("pop3.test"), () -> true, accounts);
                var c = server.login(ALICE)) {
            assertThat(c.multi("UIDL")).isEqualTo(before);
        }
    }

    private static java.util.List<String> ids(java.util.List<String> listing) {
        return listing.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }
}
