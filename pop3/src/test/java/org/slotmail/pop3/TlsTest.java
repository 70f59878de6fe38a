package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.tls.TlsIdentity;
import org.slotmail.pop3.session.Pop3Settings;

/** STLS (RFC 2595 §4) and POP3S (RFC 8314 §3.3) with the JDK's own TLS client. */
class TlsTest {
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    private TlsIdentity identity;

    @BeforeEach
    void certificate() throws Exception {
        identity = TlsIdentity.demo(dir.resolve("tls"), "localhost");
    }

    private Pop3Settings settings() throws Exception {
        return Pop3Settings.defaults("pop3.test").withTls(identity.serverContext());
    }

    @Test
    void stlsThenLoginAndRetrieveOverTls() throws Exception {
        try (var server = new TestServer(dir.resolve("store"), settings())) {
            var alice = server.user(ALICE);
            server.deliver(alice, "Subject: secret\r\n\r\n.over TLS\r\n");
            try (var c = server.connect()) {
                assertThat(c.multi("CAPA")).contains("STLS");
                c.ok("USER " + ALICE); // forgotten by the switch to TLS
                assertThat(c.command("STLS")).isEqualTo("+OK begin TLS negotiation");
                var tls = c.startTls(identity.trustingContext());
                assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(c.multi("CAPA")).doesNotContain("STLS").contains("USER", "SASL PLAIN LOGIN");
                assertThat(c.err("PASS " + TestServer.password(ALICE))).isEqualTo("-ERR send USER first");
                c.ok("USER " + ALICE);
                c.ok("PASS " + TestServer.password(ALICE));
                assertThat(new String(c.message("RETR 1"))).isEqualTo("Subject: secret\r\n\r\n.over TLS\r\n");
                assertThat(c.err("STLS")).isEqualTo("-ERR STLS is only allowed before login");
            }
        }
    }

    @Test
    void stlsWithCommandsPipelinedBehindItIsRefused() throws Exception {
        try (var server = new TestServer(dir.resolve("store"), settings());
                var c = server.connect()) {
            // CVE-2011-0411: what follows STLS in the same packet must never run as if protected.
            c.send("STLS\r\nCAPA\r\n");
            assertThat(c.readLine()).startsWith("-ERR STLS must be the last command");
            assertThat(c.readLine()).startsWith("+OK");
            // Still plain text, and STLS is still on offer.
            assertThat(c.readBody()).contains("STLS");
        }
    }

    @Test
    void stlsTwiceIsRefused() throws Exception {
        try (var server = new TestServer(dir.resolve("store"), settings());
                var c = server.connect()) {
            c.ok("STLS");
            c.startTls(identity.trustingContext());
            assertThat(c.err("STLS")).isEqualTo("-ERR TLS is already active");
        }
    }

    @Test
    void withoutATlsContextStlsIsNotOffered() throws Exception {
        try (var server = new TestServer(dir.resolve("store"));
                var c = server.connect()) {
            assertThat(c.multi("CAPA")).doesNotContain("STLS");
            assertThat(c.err("STLS")).isEqualTo("-ERR STLS is not available on this listener");
        }
    }

    @Test
    void passwordsRefusedInPlainTextAreAcceptedAfterStls() throws Exception {
        try (var server = new TestServer(
                        dir.resolve("store"),
                        settings().withPlaintextLogins(org.slotmail.net.login.PlaintextLogins.NEVER));
                var c = server.connect()) {
            server.user(ALICE);
            assertThat(c.multi("CAPA")).contains("STLS").doesNotContain("USER");
            assertThat(c.err("USER " + ALICE)).startsWith("-ERR [AUTH]").contains("STLS");
            c.ok("STLS");
            c.startTls(identity.trustingContext());
            c.ok("USER " + ALICE);
            c.ok("PASS " + TestServer.password(ALICE));
        }
    }

    @Test
    void pop3sSpeaksTlsFromTheFirstByte() throws Exception {
        try (var server = new TestServer(
                dir.resolve("store"), settings().withPlaintextLogins(org.slotmail.net.login.PlaintextLogins.NEVER))) {
            var alice = server.user(ALICE);
            server.deliver(alice, "Subject: s\r\n\r\nbody\r\n");
            try (var c = Pop3TestClient.connectTls(server.tlsServer.port(), identity.trustingContext())) {
                assertThat(c.greeting).startsWith("+OK");
                assertThat(c.multi("CAPA")).doesNotContain("STLS").contains("USER");
                c.ok("AUTH PLAIN "
                        + java.util.Base64.getEncoder()
                                .encodeToString(("\0" + ALICE + "\0" + TestServer.password(ALICE)).getBytes()));
                assertThat(c.ok("STAT")).startsWith("+OK 1 ");
                c.ok("QUIT");
            }
        }
    }
}
