package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.imap.session.ImapSettings;
import org.slotmail.net.tls.TlsIdentity;

/** STARTTLS (RFC 9051 §6.2.1) and COMPRESS=DEFLATE (RFC 4978) with real JDK TLS and zlib peers. */
class TlsAndCompressionTest {
    @TempDir
    Path dir;

    @Test
    void startTlsThenLoginThenCompressedSession() throws Exception {
        var identity = TlsIdentity.demo(dir.resolve("tls"), "localhost");
        var settings = ImapSettings.defaults("imap.test", 1 << 20).withTls(identity.serverContext());
        try (var server = new TestServer(dir.resolve("store"), settings)) {
            server.user("alice@example.com");
            try (var plain = new ImapTestClient(server.server.port())) {
                assertThat(plain.greeting).contains("STARTTLS");
                assertThat(plain.command("STARTTLS").getLast()).startsWith("t1 OK");
                SSLSocket tls = (SSLSocket) identity.trustingContext()
                        .getSocketFactory()
                        .createSocket(plain.socket, "localhost", server.server.port(), true);
                tls.startHandshake();
                assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
                var in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = tls.getOutputStream();
                out.write("a CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).doesNotContain("STARTTLS").contains("AUTH=PLAIN");
                assertThat(in.readLine()).startsWith("a OK");
                out.write("b LOGIN alice@example.com pw-secret-alice@example.com\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("b OK").contains("COMPRESS=DEFLATE");
                out.write("c COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("c OK");
                // From here both directions are raw deflate streams inside TLS.
                var zout = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 512, true);
                // Read byte by byte: InflaterInputStream.available() says 1 until the end, which makes a
                // Reader block for more than the server sent.
                var zin = new InflaterInputStream(tls.getInputStream(), new Inflater(true));
                zout.write("d SELECT INBOX\r\ne NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                zout.flush();
                String line;
                boolean selected = false;
                while ((line = readLine(zin)) != null && !line.startsWith("e ")) {
                    if (line.startsWith("d OK [READ-WRITE]")) selected = true;
                }
                assertThat(selected).isTrue();
                assertThat(line).startsWith("e OK");
            }
        }
    }

    @Test
    void startTlsWithCommandsPipelinedBehindItIsRefused() throws Exception {
        var identity = TlsIdentity.demo(dir.resolve("tls"), "localhost");
        var settings = ImapSettings.defaults("imap.test", 1 << 20).withTls(identity.serverContext());
        try (var server = new TestServer(dir.resolve("store"), settings);
                var c = new ImapTestClient(server.server.port())) {
            // CVE-2011-0411: what follows STARTTLS in the same packet must never run as if protected.
            c.send("a STARTTLS\r\nb NOOP\r\n");
            assertThat(c.readLine()).startsWith("a BAD");
            assertThat(c.readLine()).startsWith("b OK");
        }
    }

    @Test
    void withoutLoopbackOrTlsPasswordsAreRefused() throws Exception {
        var settings = ImapSettings.defaults("imap.test", 1 << 20)
                .withPlaintextLogins(org.slotmail.net.login.PlaintextLogins.NEVER);
        try (var server = new TestServer(dir.resolve("store"), settings);
                var c = new ImapTestClient(server.server.port())) {
            server.user("alice@example.com");
            assertThat(c.greeting).contains("LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(c.command("LOGIN alice@example.com pw-secret-alice@example.com")
                            .getLast())
                    .startsWith("t1 NO [PRIVACYREQUIRED]");
        }
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        var sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') if (b != '\r') sb.append((char) b);
        return b < 0 && sb.isEmpty() ? null : sb.toString();
    }
}
