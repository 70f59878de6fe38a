package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.tls.TlsIdentity;

class StartTlsTest {
    @TempDir
    static Path directory;

    private static TlsIdentity identity;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Listener listener;

    @BeforeAll
    static void demoIdentity() throws IOException {
        identity = TlsIdentity.demo(directory, "mail.test");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private LineClient connect() throws IOException {
        if (listener == null) {
            listener = new Listener(
                    ListenerSettings.defaults("imap", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                    new UpgradingEcho(identity.serverContext()));
            listener.start();
            open.add(listener);
        }
        var client = LineClient.plain(listener.localAddress());
        open.add(client);
        assertThat(client.readLine()).isEqualTo("hello");
        return client;
    }

    @Test
    void startTlsUpgradesThePlainConnectionToTls13WithTheHostNameVerified() throws IOException {
        var client = connect();
        assertThat(client.exchange("STATUS")).isEqualTo("plain uncompressed");
        assertThat(client.exchange("STARTTLS")).isEqualTo("OK begin TLS now");
        client.startTls(identity.trustingContext(), "mail.test");
        assertThat(client.tls().getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(client.exchange("STATUS")).startsWith("TLSv1.3 TLS_");
        assertThat(client.exchange("ping")).isEqualTo("PING");
        assertThat(client.exchange("PROTOCOLS")).isEqualTo("TLSv1.3 TLSv1.2");
    }

    @Test
    void repliesQueuedBeforeStartTlsGoOutInPlainTextAheadOfTheGoAhead() throws IOException {
        var client = connect();
        // Both commands arrive in one read; the first one's reply is still queued when STARTTLS runs.
        client.write("first\r\nSTARTTLS\r\n".getBytes(ISO_8859_1));
        assertThat(client.readLine()).isEqualTo("FIRST");
        assertThat(client.readLine()).isEqualTo("OK begin TLS now");
        client.startTls(identity.trustingContext(), "localhost");
        assertThat(client.exchange("ping")).isEqualTo("PING");
    }

    @Test
    void startTlsIsRefusedWhenTheClientSentMoreAfterItAndTheRestStaysPlainText() throws IOException {
        var client = connect();
        // RFC 3207 §4 / CVE-2011-0411: a command injected behind STARTTLS must not run as if protected.
        client.write("STARTTLS\r\ninjected\r\n".getBytes(ISO_8859_1));
        assertThat(client.readLine()).startsWith("BAD client sent").contains("after STARTTLS");
        assertThat(client.readLine()).isEqualTo("INJECTED");
        assertThat(client.exchange("STATUS")).isEqualTo("plain uncompressed");
    }

    @Test
    void startTlsOnATlsConnectionIsRefused() throws IOException {
        var client = connect();
        client.exchange("STARTTLS");
        client.startTls(identity.trustingContext(), "localhost");
        assertThat(client.exchange("STARTTLS")).isEqualTo("BAD TLS is already active");
        assertThat(client.exchange("ping")).isEqualTo("PING");
    }

    @Test
    void startTlsUnderCompressionIsRefused() throws IOException {
        var client = connect();
        client.exchange("COMPRESS");
        client.startCompression();
        assertThat(client.exchange("STARTTLS")).isEqualTo("BAD TLS cannot start under compression");
    }

    @Test
    void aFailedStartTlsHandshakeClosesOnlyThatConnection() throws IOException {
        var other = connect();
        var client = connect();
        assertThat(client.exchange("STARTTLS")).isEqualTo("OK begin TLS now");
        client.write("not a client hello\r\n".repeat(10).getBytes(ISO_8859_1));
        assertThat(closedByServer(client)).isTrue();
        assertThat(other.exchange("fine")).isEqualTo("FINE");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.activeConnections() == 1);
    }

    /** Reads until the server closes; a reset counts, since the server may close with our bytes unread. */
    private static boolean closedByServer(LineClient client) {
        try {
            while (client.readLine() != null) {
                // A TLS alert may come before the close.
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // Reset: closed as well.
        }
        return true;
    }
}
