package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.net.login.LoginThrottle;
import org.slotmail.net.login.LoginThrottle.Verdict;
import org.slotmail.net.login.LoginThrottleSettings;

/**
 * Logins under attack, over real sockets against a real store: a storm of bad passwords from one
 * address slows and then locks out that address, never the account's owner elsewhere; refusals
 * end after the window; sessions per account are capped; SASL LOGIN works.
 */
class LoginDefenceTest {
    private static final String ALICE = "alice@example.com";
    private static final String STORM = "127.0.0.2";
    private static final String HOME = "127.0.0.3";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    // Real pauses, but short: 5 ms doubling to 40 ms; the decisions are asserted, not the sleeping.
    private final LoginThrottleSettings throttling =
            LoginThrottleSettings.defaults().withDelays(Duration.ofMillis(5), Duration.ofMillis(40));
    private final LoginGuard guard = new LoginGuard(new LoginThrottle(throttling, clock), new AccountSessions(3));
    private TestServer server;
    private final List<ImapTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(dir, ImapSettings.defaults("imap.test", 1 << 20), guard);
        server.user(ALICE);
    }

    @AfterEach
    void stop() throws IOException {
        for (var c : clients) c.close();
        server.close();
    }

    private ImapTestClient from(String address) throws IOException {
        var c = new ImapTestClient(address, server.server.port());
        clients.add(c);
        return c;
    }

    private Verdict verdict(String address) {
        return guard.throttle().check(InetAddress.ofLiteral(address), ALICE);
    }

    /** Bad passwords from {@code address}, reconnecting when the server ends a connection; the tagged replies. */
    private List<String> badPasswords(String address, int count) throws IOException {
        var replies = new ArrayList<String>();
        ImapTestClient c = from(address);
        for (int i = 0; i < count; i++) {
            List<String> lines = c.command("LOGIN " + ALICE + " pw-secret-guess-" + i);
            replies.add(lines.getLast().replaceFirst("^t\\d+ ", ""));
            if (lines.stream().anyMatch(l -> l.startsWith("* BYE"))) c = from(address);
        }
        return replies;
    }

    @Nested
    class Storm {
        @Test
        void fiftyBadPasswordsFromOneAddressDoNotDelayTheOwnerOnAnother() throws IOException {
            List<String> replies = badPasswords(STORM, 50);
            assertThat(replies.subList(0, 10)).allMatch(r -> r.equals("NO [AUTHENTICATIONFAILED] invalid credentials"));
            assertThat(replies.subList(10, 50))
                    .allMatch(
                            r -> r.startsWith(
                                    "NO [UNAVAILABLE] too many failed logins for this account from your address; try again in "));

            // The server's decision for the owner's address: no pause at all.
            assertThat(verdict(HOME)).isEqualTo(new Verdict.Proceed(Duration.ZERO));
            var home = from(HOME);
            List<String> login = home.command("LOGIN " + ALICE + " " + TestServer.password(ALICE));
            assertThat(login.getLast()).startsWith("t1 OK [CAPABILITY ").doesNotContain("UNAVAILABLE");
            home.ok("SELECT INBOX");
        }

        @Test
        void theStormingAddressIsRefusedEvenTheRightPassword() throws IOException {
            badPasswords(STORM, 10);
            var c = from(STORM);
            List<String> lines = c.command("LOGIN " + ALICE + " " + TestServer.password(ALICE));
            assertThat(lines.getLast()).startsWith("t1 NO [UNAVAILABLE] too many failed logins");
            assertThat(lines).anyMatch(l -> l.startsWith("* BYE"));
        }

        @Test
        void anAddressTryingManyAccountsIsRefusedForAllOfThem() throws IOException {
            var c = from(STORM);
            for (int i = 0; i < throttling.maxFailuresPerAddress(); i++) {
                List<String> lines = c.command("LOGIN user" + i + "@example.com pw-secret-guess");
                assertThat(lines.getLast()).contains("[AUTHENTICATIONFAILED]");
                if (lines.stream().anyMatch(l -> l.startsWith("* BYE"))) c = from(STORM);
            }
            assertThat(from(STORM)
                            .command("LOGIN " + ALICE + " " + TestServer.password(ALICE))
                            .getLast())
                    .startsWith(
                            "t1 NO [UNAVAILABLE] too many failed logins from your address; try again in 15 minutes");
            assertThat(from(HOME)
                            .command("LOGIN " + ALICE + " " + TestServer.password(ALICE))
                            .getLast())
                    .startsWith("t1 OK");
        }
    }

    @Nested
    class Throttling {
        @Test
        void eachFailureGrowsThePauseUntilTheAddressIsRefused() throws IOException {
            var pauses = new ArrayList<Duration>();
            var c = from(STORM);
            for (int i = 0; i < 4; i++) {
                c.command("LOGIN " + ALICE + " pw-secret-guess-" + i);
                pauses.add(((Verdict.Proceed) verdict(STORM)).delay());
            }
            assertThat(pauses)
                    .containsExactly(
                            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
            badPasswords(STORM, 6);
            assertThat(verdict(STORM)).isInstanceOf(Verdict.Refuse.class);
        }

        @Test
        void aRefusedAddressIsLetInAgainOnceTheWindowHasPassed() throws IOException {
            badPasswords(STORM, 12);
            assertThat(from(STORM)
                            .command("LOGIN " + ALICE + " " + TestServer.password(ALICE))
                            .getLast())
                    .contains("[UNAVAILABLE]");
            clock.advance(throttling.window().minusMinutes(1));
            assertThat(from(STORM)
                            .command("LOGIN " + ALICE + " " + TestServer.password(ALICE))
                            .getLast())
                    .contains("[UNAVAILABLE]")
                    .endsWith("try again in 1 minute");
            clock.advance(Duration.ofMinutes(1));
            assertThat(from(STORM)
                            .command("LOGIN " + ALICE + " " + TestServer.password(ALICE))
                            .getLast())
                    .startsWith("t1 OK");
        }

        @Test
        void theFifthFailureOnOneConnectionEndsIt() throws IOException {
            var c = from(STORM);
            for (int i = 1; i < 5; i++) {
                assertThat(c.command("LOGIN " + ALICE + " pw-secret-guess").getLast())
                        .startsWith("t" + i + " NO");
            }
            List<String> fifth = c.command("LOGIN " + ALICE + " pw-secret-guess");
            assertThat(fifth).first().asString().startsWith("* BYE too many failed logins");
            assertThat(c.readLine()).isNull();
        }

        @Test
        void failuresOverAuthenticateCountLikeLogin() throws IOException {
            var c = from(STORM);
            for (int i = 0; i < 4; i++) {
                String plain = base64("\0" + ALICE + "\0pw-secret-guess-" + i);
                assertThat(c.command("AUTHENTICATE PLAIN " + plain).getLast()).contains("[AUTHENTICATIONFAILED]");
            }
            assertThat(verdict(STORM)).isEqualTo(new Verdict.Proceed(Duration.ofMillis(40)));
        }
    }

    @Nested
    class SessionsPerAccount {
        @Test
        void oneSessionOverTheLimitIsRefusedUntilAnotherLogsOut() throws IOException {
            var sessions = new ArrayList<ImapTestClient>();
            for (int i = 0; i < 3; i++) {
                var c = from(HOME);
                c.ok("LOGIN " + ALICE + " " + TestServer.password(ALICE));
                sessions.add(c);
            }
            var fourth = from(HOME);
            assertThat(fourth.command("LOGIN " + ALICE + " " + TestServer.password(ALICE))
                            .getLast())
                    .startsWith("t1 NO [LIMIT] this account already has 3 sessions");
            sessions.getFirst().ok("LOGOUT");
            // The session's place is given back when its connection ends, just after the OK.
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> guard.sessions().count(ALICE) == 2);
            fourth.ok("LOGIN " + ALICE + " " + TestServer.password(ALICE));
        }

        @Test
        void aDroppedConnectionGivesItsPlaceBack() throws IOException {
            var c = from(HOME);
            c.ok("LOGIN " + ALICE + " " + TestServer.password(ALICE));
            assertThat(guard.sessions().count(ALICE)).isEqualTo(1);
            c.close();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> guard.sessions().count(ALICE) == 0);
        }
    }

    @Nested
    class SaslLogin {
        @Test
        void isAdvertisedBesidePlain() throws IOException {
            assertThat(from(HOME).greeting).contains("AUTH=PLAIN AUTH=LOGIN SASL-IR");
        }

        @Test
        void asksForTheUserNameThenThePasswordInBase64() throws IOException {
            var c = from(HOME);
            c.send("a AUTHENTICATE LOGIN\r\n");
            assertThat(c.readLine()).isEqualTo("+ " + base64("Username:"));
            c.send(base64(ALICE) + "\r\n");
            assertThat(c.readLine()).isEqualTo("+ " + base64("Password:"));
            c.send(base64(TestServer.password(ALICE)) + "\r\n");
            assertThat(c.until("a").getLast()).startsWith("a OK [CAPABILITY ");
            c.ok("SELECT INBOX");
        }

        @Test
        void takesTheUserNameAsInitialResponse() throws IOException {
            var c = from(HOME);
            c.send("a AUTHENTICATE LOGIN " + base64(ALICE) + "\r\n");
            assertThat(c.readLine()).isEqualTo("+ " + base64("Password:"));
            c.send(base64("pw-secret-wrong") + "\r\n");
            assertThat(c.until("a").getLast()).startsWith("a NO [AUTHENTICATIONFAILED]");
        }

        @Test
        void canBeCancelledAndRejectsBadBase64() throws IOException {
            var c = from(HOME);
            c.send("a AUTHENTICATE LOGIN\r\n");
            c.readLine();
            c.send("*\r\n");
            assertThat(c.until("a").getLast()).isEqualTo("a BAD AUTHENTICATE cancelled");
            c.send("b AUTHENTICATE LOGIN " + base64(ALICE) + "\r\n");
            c.readLine();
            c.send("not base64!\r\n");
            assertThat(c.until("b").getLast()).isEqualTo("b BAD invalid base64");
            assertThat(c.command("AUTHENTICATE CRAM-MD5").getLast()).contains("NO [CANNOT]");
        }
    }

    @Nested
    class Logging {
        private final ch.qos.logback.classic.Logger throttleLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LoginThrottle.class);
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();

        @BeforeEach
        void capture() {
            events.start();
            throttleLog.addAppender(events);
        }

        @AfterEach
        void release() {
            throttleLog.detachAppender(events);
        }

        private String login(ch.qos.logback.classic.spi.ILoggingEvent event) {
            return event.getKeyValuePairs().stream()
                    .filter(kv -> kv.key.equals("login"))
                    .map(kv -> String.valueOf(kv.value))
                    .findFirst()
                    .orElseThrow();
        }

        @Test
        void aFailedLoginIsLoggedWithAddressAndEscapedNameButNoPassword() throws IOException {
            var c = from(STORM);
            // A literal may carry CR LF: a raw log line would end there and forge the next one.
            String name = "mallory\r\n12:00:00.000 INFO login ok login=\"root\"";
            c.send("a LOGIN {" + name.length() + "+}\r\n" + name + " pw-secret-injected\r\n");
            assertThat(c.until("a").getLast()).startsWith("a NO [AUTHENTICATIONFAILED]");
            var failed = events.list.stream()
                    .filter(e -> e.getMessage().equals("login failed"))
                    .toList();
            assertThat(failed).hasSize(1);
            assertThat(login(failed.getFirst()))
                    .isEqualTo("mallory\\r\\n12:00:00.000 INFO login ok login=\\\"root\\\"")
                    .doesNotContain("\r", "\n");
            assertThat(failed.getFirst().getKeyValuePairs().toString())
                    .contains("127.0.0.2")
                    .doesNotContain("pw-secret");
        }

        @Test
        void everyRefusalIsLoggedAtWarnWithItsReason() throws IOException {
            badPasswords(STORM, 12);
            var refusals = events.list.stream()
                    .filter(e -> e.getMessage().equals("login refused: too many failures"))
                    .toList();
            assertThat(refusals).hasSize(2).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN);
            assertThat(refusals.getFirst().getKeyValuePairs().toString())
                    .contains("ACCOUNT_FROM_ADDRESS", "127.0.0.2", ALICE);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
