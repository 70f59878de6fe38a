package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.pop3.session.Pop3Settings;

/** The AUTHORIZATION state: USER/PASS (RFC 1939 §7), AUTH PLAIN and LOGIN (RFC 5034), CAPA (RFC 2449). */
class AuthorizationTest {
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        server.user(ALICE);
        server.deliver(server.accounts.find(ALICE).orElseThrow(), "Subject: one\r\n\r\nbody\r\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void greetingIsOk() throws Exception {
        try (var c = server.connect()) {
            assertThat(c.greeting).startsWith("+OK ").contains("POP3");
        }
    }

    @Test
    void capaBeforeLoginOffersUserSaslAndTheExtensions() throws Exception {
        try (var c = server.connect()) {
            assertThat(c.multi("CAPA"))
                    .contains(
                            "TOP",
                            "UIDL",
                            "USER",
                            "SASL PLAIN LOGIN",
                            "RESP-CODES",
                            "AUTH-RESP-CODE",
                            "PIPELINING",
                            "EXPIRE NEVER")
                    .anyMatch(l -> l.startsWith("IMPLEMENTATION "))
                    // No TLS context on this listener: nothing to offer.
                    .doesNotContain("STLS");
        }
    }

    @Test
    void capaAfterLoginNoLongerOffersLogins() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.multi("CAPA")).contains("TOP", "UIDL").doesNotContain("USER", "SASL PLAIN LOGIN");
        }
    }

    @Nested
    class UserPass {
        @Test
        void rightPasswordEntersTransactionWithTheMaildropSize() throws Exception {
            try (var c = server.connect()) {
                c.ok("USER " + ALICE);
                assertThat(c.ok("PASS " + TestServer.password(ALICE))).matches("\\+OK .*1 messages \\(\\d+ octets\\)");
                assertThat(c.ok("STAT")).matches("\\+OK 1 \\d+");
            }
        }

        @Test
        void userAnswersTheSameForUnknownAccounts() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.ok("USER nobody@example.com")).isEqualTo(c.ok("USER " + ALICE));
            }
        }

        @Test
        void wrongPasswordGetsAuthCodeAndNeedsUserAgain() throws Exception {
            try (var c = server.connect()) {
                c.ok("USER " + ALICE);
                assertThat(c.err("PASS pw-secret-wrong")).startsWith("-ERR [AUTH] ");
                // RFC 1939 §7: after a failed PASS the client starts again with USER.
                assertThat(c.err("PASS " + TestServer.password(ALICE))).isEqualTo("-ERR send USER first");
                c.ok("USER " + ALICE);
                c.ok("PASS " + TestServer.password(ALICE));
            }
        }

        @Test
        void passwordsMayContainSpaces() throws Exception {
            server.accounts.add("spaces@example.com", "pw-secret- two words  and more ");
            try (var c = server.connect()) {
                c.ok("USER spaces@example.com");
                c.ok("PASS pw-secret- two words  and more ");
            }
        }

        @Test
        void fifthFailureClosesTheConnection() throws Exception {
            try (var c = server.connect()) {
                for (int i = 1; i < 5; i++) {
                    c.ok("USER " + ALICE);
                    assertThat(c.err("PASS pw-secret-wrong" + i)).startsWith("-ERR [AUTH] invalid");
                }
                c.ok("USER " + ALICE);
                assertThat(c.err("PASS pw-secret-wrong5"))
                        .startsWith("-ERR [AUTH]")
                        .contains("closing");
                assertThat(c.closedByServer()).isTrue();
            }
        }

        @Test
        void transactionCommandsNeedALogin() throws Exception {
            try (var c = server.connect()) {
                for (String command :
                        new String[] {"STAT", "LIST", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "RSET", "NOOP"}) {
                    assertThat(c.err(command)).as(command).isEqualTo("-ERR log in first");
                }
            }
        }

        @Test
        void loginCommandsAfterLoginAreRefused() throws Exception {
            try (var c = server.login(ALICE)) {
                assertThat(c.err("USER " + ALICE)).isEqualTo("-ERR already logged in");
                assertThat(c.err("AUTH PLAIN " + b64("\0" + ALICE + "\0" + TestServer.password(ALICE))))
                        .isEqualTo("-ERR already logged in");
                c.ok("STAT");
            }
        }
    }

    @Nested
    class Sasl {
        @Test
        void authWithoutMechanismListsThem() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.multi("AUTH")).containsExactly("PLAIN", "LOGIN");
            }
        }

        @Test
        void plainWithInitialResponse() throws Exception {
            try (var c = server.connect()) {
                c.ok("AUTH PLAIN " + b64("\0" + ALICE + "\0" + TestServer.password(ALICE)));
                c.ok("STAT");
            }
        }

        @Test
        void plainWithEmptyChallenge() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.command("AUTH PLAIN")).isEqualTo("+ ");
                c.ok(b64(ALICE + "\0" + ALICE + "\0" + TestServer.password(ALICE)));
                c.ok("STAT");
            }
        }

        @Test
        void plainWithWrongPasswordGetsAuthCode() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.err("AUTH PLAIN " + b64("\0" + ALICE + "\0pw-secret-wrong")))
                        .startsWith("-ERR [AUTH] ");
            }
        }

        @Test
        void plainForAnotherUserIsRefused() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.err("AUTH PLAIN " + b64("bob@example.com\0" + ALICE + "\0" + TestServer.password(ALICE))))
                        .startsWith("-ERR [AUTH] cannot act as another user");
            }
        }

        @Test
        void loginWithoutInitialResponseAsksForUserThenPassword() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.command("AUTH LOGIN")).isEqualTo("+ " + b64("Username:"));
                assertThat(c.command(b64(ALICE))).isEqualTo("+ " + b64("Password:"));
                c.ok(b64(TestServer.password(ALICE)));
                c.ok("STAT");
            }
        }

        @Test
        void loginWithInitialResponseAsksOnlyForThePassword() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.command("AUTH login " + b64(ALICE))).isEqualTo("+ " + b64("Password:"));
                c.ok(b64(TestServer.password(ALICE)));
                c.ok("STAT");
            }
        }

        @Test
        void starCancelsTheExchange() throws Exception {
            try (var c = server.connect()) {
                c.command("AUTH LOGIN");
                assertThat(c.err("*")).isEqualTo("-ERR AUTH cancelled");
                c.command("AUTH PLAIN");
                assertThat(c.err("*")).isEqualTo("-ERR AUTH cancelled");
                // Still in AUTHORIZATION and able to log in.
                c.ok("AUTH PLAIN " + b64("\0" + ALICE + "\0" + TestServer.password(ALICE)));
            }
        }

        @Test
        void invalidBase64AndUnknownMechanismsAreRefused() throws Exception {
            try (var c = server.connect()) {
                assertThat(c.err("AUTH PLAIN !!!notbase64")).contains("base64");
                c.command("AUTH PLAIN");
                assertThat(c.err("a b c")).contains("base64");
                assertThat(c.err("AUTH CRAM-MD5")).contains("unsupported");
                assertThat(c.err("AUTH PLAIN " + b64("no separators"))).contains("malformed");
                c.ok("AUTH PLAIN " + b64("\0" + ALICE + "\0" + TestServer.password(ALICE)));
            }
        }
    }

    @Nested
    class WithoutTlsFromElsewhere {
        @Test
        void passwordsAreRefusedAndCapaDoesNotOfferThem() throws Exception {
            // Loopback is the only address a test can use; this setting makes it count as "elsewhere".
            try (var strict = new TestServer(
                    dir.resolve("strict"),
                    Pop3Settings.defaults("pop3.test")
                            .withPlaintextLogins(org.slotmail.net.login.PlaintextLogins.NEVER))) {
                strict.user(ALICE);
                try (var c = strict.connect()) {
                    assertThat(c.multi("CAPA")).doesNotContain("USER", "SASL PLAIN LOGIN");
                    assertThat(c.err("USER " + ALICE))
                            .startsWith("-ERR [AUTH] ")
                            .contains("STLS");
                    assertThat(c.err("PASS pw-secret-x")).startsWith("-ERR [AUTH] ");
                    assertThat(c.err("AUTH PLAIN " + b64("\0" + ALICE + "\0" + TestServer.password(ALICE))))
                            .startsWith("-ERR [AUTH] ")
                            .contains("STLS");
                }
            }
        }
    }

    @Nested
    class ReplicaRole {
        @Test
        void aReplicaRefusesLoginsWithSysTemp() throws Exception {
            try (var replica = new TestServer(
                    dir.resolve("replica"), Pop3Settings.defaults("pop3.test"), () -> false, new TestAccounts())) {
                replica.user(ALICE);
                try (var c = replica.connect()) {
                    c.ok("USER " + ALICE);
                    assertThat(c.err("PASS " + TestServer.password(ALICE))).startsWith("-ERR [SYS/TEMP] ");
                    assertThat(c.err("AUTH PLAIN " + b64("\0" + ALICE + "\0" + TestServer.password(ALICE))))
                            .startsWith("-ERR [SYS/TEMP] ");
                }
            }
        }
    }

    @Test
    void quitBeforeLoginSaysGoodbyeAndCloses() throws Exception {
        try (var c = server.connect()) {
            c.ok("QUIT");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
