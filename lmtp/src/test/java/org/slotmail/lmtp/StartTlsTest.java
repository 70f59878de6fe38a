package org.slotmail.lmtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.tls.TlsIdentity;

/** LMTP STARTTLS (RFC 3207): offered in LHLO, a fresh session under TLS, pipelining behind it refused. */
class StartTlsTest {
    @TempDir
    static Path dir;

    private static TlsIdentity identity;

    @BeforeAll
    static void certificate() throws IOException {
        identity = TlsIdentity.demo(dir, "lmtp.test.example");
    }

    private static TestServer server() {
        return new TestServer(LmtpSettings.defaults(TestServer.HOST).withTls(identity.serverContext()));
    }

    /** A client over one socket that can switch to TLS. */
    private static final class Client implements AutoCloseable {
        Socket socket;
        BufferedReader in;
        OutputStream out;

        Client(TestServer server) throws IOException {
            use(new Socket(server.server.localAddress().getAddress(), server.server.port()));
        }

        private void use(Socket s) throws IOException {
            socket = s;
            socket.setSoTimeout(15_000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), ISO_8859_1));
            out = s.getOutputStream();
        }

        List<String> reply() throws IOException {
            var lines = new ArrayList<String>();
            String line;
            do {
                line = in.readLine();
                if (line == null) throw new IOException("closed after " + lines);
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return lines;
        }

        List<String> send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(ISO_8859_1));
            out.flush();
            return reply();
        }

        void startTls() throws IOException {
            var tls = (SSLSocket) identity.trustingContext()
                    .getSocketFactory()
                    .createSocket(socket, "localhost", socket.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            use(tls);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void startTlsIsOfferedThenTheSessionStartsOverUnderTlsAndDelivers() throws Exception {
        try (var server = server();
                var c = new Client(server)) {
            assertThat(c.reply().getFirst()).startsWith("220 ");
            assertThat(c.send("LHLO mta.example.net")).anyMatch(l -> l.matches("250[ -]STARTTLS"));
            assertThat(c.send("STARTTLS")).containsExactly("220 2.0.0 ready to start TLS");
            c.startTls();
            assertThat(((SSLSocket) c.socket).getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            // RFC 3207 §4.2: the client's earlier LHLO is forgotten.
            assertThat(c.send("MAIL FROM:<a@example.org>").getLast()).startsWith("503 ");
            List<String> lhlo = c.send("LHLO mta.example.net");
            assertThat(lhlo).noneMatch(l -> l.contains("STARTTLS"));
            assertThat(c.send("MAIL FROM:<a@example.org>").getLast()).startsWith("250 ");
            assertThat(c.send("RCPT TO:<bob@example.com>").getLast()).startsWith("250 ");
            assertThat(c.send("DATA").getLast()).startsWith("354 ");
            assertThat(c.send("Subject: over tls\r\n\r\nhi\r\n.").getLast()).startsWith("250 ");
            assertThat(server.store.storedFor(server.bob)).hasSize(1);
            assertThat(c.send("STARTTLS").getLast()).startsWith("503 ");
        }
    }

    @Test
    void commandsPipelinedBehindStartTlsAreRefusedAndNotRunAsProtected() throws Exception {
        try (var server = server();
                var c = new Client(server)) {
            c.reply();
            c.send("LHLO mta.example.net");
            // CVE-2011-0411: the injected RSET must not cross into the TLS session.
            c.out.write("STARTTLS\r\nRSET\r\n".getBytes(ISO_8859_1));
            c.out.flush();
            assertThat(c.reply().getLast()).startsWith("503 5.5.1");
            assertThat(c.reply().getLast()).startsWith("250 ");
            assertThat(c.socket).isNotInstanceOf(SSLSocket.class);
        }
    }

    @Test
    void withoutAContextStartTlsIsNeitherOfferedNorAccepted() throws Exception {
        try (var server = new TestServer();
                var c = new Client(server)) {
            c.reply();
            assertThat(c.send("LHLO mta.example.net")).noneMatch(l -> l.contains("STARTTLS"));
            assertThat(c.send("STARTTLS").getLast()).startsWith("502 ");
        }
    }
}
