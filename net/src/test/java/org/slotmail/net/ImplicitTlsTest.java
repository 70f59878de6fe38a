package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.tls.TlsIdentity;

class ImplicitTlsTest {
    @TempDir
    static Path directory;

    private static TlsIdentity identity;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void demoIdentity() throws IOException {
        identity = TlsIdentity.demo(directory.resolve("tls"), "mail.test");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    private Listener start(ListenerSettings settings) throws IOException {
        var listener = new Listener(settings, new UpgradingEcho(identity.serverContext()));
        listener.start();
        open.add(listener);
        return listener;
    }

    private static ListenerSettings settings() {
        return ListenerSettings.defaults("imaps", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withImplicitTls(identity.serverContext());
    }

    private LineClient connect(Listener listener, String hostName, String... protocols) throws IOException {
        var client = LineClient.plain(listener.localAddress());
        open.add(client);
        return client.startTls(identity.trustingContext(), hostName, protocols);
    }

    private Socket raw(Listener listener) throws IOException {
        var socket = new Socket(listener.localAddress().getAddress(), listener.port());
        socket.setSoTimeout(10_000);
        open.add(socket);
        return socket;
    }

    @Test
    void aClientVerifyingTheHostNameGetsTls13AndTalksThroughIt() throws IOException {
        var listener = start(settings());
        var client = connect(listener, "localhost");
        assertThat(client.tls().getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(client.readLine()).isEqualTo("hello");
        assertThat(client.exchange("ping")).isEqualTo("PING");
        assertThat(client.exchange("STATUS")).startsWith("TLSv1.3 TLS_").endsWith(" uncompressed");
    }

    @Test
    void theDemoCertificateVerifiesForItsHostNameAndTheLoopbackAddresses() throws IOException {
        var listener = start(settings());
        for (String name : List.of("mail.test", "localhost", "127.0.0.1")) {
            assertThat(connect(listener, name).readLine()).as(name).isEqualTo("hello");
        }
    }

    @Test
    void aNameTheCertificateDoesNotCarryFailsVerification() throws IOException {
        var listener = start(settings());
        assertThatThrownBy(() -> connect(listener, "elsewhere.example")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientTrustingAnotherCertificateRefusesTheServer(@TempDir Path other) throws IOException {
        var listener = start(settings());
        var stranger = TlsIdentity.demo(other, "mail.test");
        var client = LineClient.plain(listener.localAddress());
        open.add(client);
        assertThatThrownBy(() -> client.startTls(stranger.trustingContext(), "localhost"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theServerOffersTls13And12OnlyAndA12ClientIsServed() throws IOException {
        var listener = start(settings());
        var client = connect(listener, "localhost", "TLSv1.2");
        assertThat(client.tls().getSession().getProtocol()).isEqualTo("TLSv1.2");
        client.readLine();
        assertThat(client.exchange("PROTOCOLS")).isEqualTo("TLSv1.3 TLSv1.2");
    }

    @Test
    void aClientSendingGarbageInsteadOfAClientHelloIsClosedAndDisturbsNoOne() throws IOException {
        var listener = start(settings());
        var before = connect(listener, "localhost");
        assertThat(before.readLine()).isEqualTo("hello");

        var garbage = raw(listener);
        garbage.getOutputStream().write("a001 LOGIN alice secret\r\n".repeat(20).getBytes(ISO_8859_1));
        assertThat(endOfStreamOrReset(garbage)).isTrue();

        assertThat(before.exchange("still here")).isEqualTo("STILL HERE");
        assertThat(connect(listener, "localhost").readLine()).isEqualTo("hello");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.activeConnections() == 2);
    }

    @Test
    void aClientThatNeverFinishesItsHandshakeIsClosedAtTheHandshakeTimeout() throws IOException {
        // A second long enough for a warm handshake on a loaded machine; the first legitimate
        // connection warms TLS up, so the last one measures serving, not JIT compilation.
        var listener = start(settings().withHandshakeTimeout(Duration.ofSeconds(1)));
        assertThat(connect(listener, "localhost").readLine()).isEqualTo("hello");
        var silent = raw(listener);
        assertThat(endOfStreamOrReset(silent)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.activeConnections() == 1);
        assertThat(connect(listener, "localhost").readLine()).isEqualTo("hello");
    }

    @Test
    void aRefusalIsSentThroughTls() throws IOException {
        var listener = start(settings().withLimits(1, 1));
        assertThat(connect(listener, "localhost").readLine()).isEqualTo("hello");
        var refused = connect(listener, "localhost");
        assertThat(refused.readLine()).isEqualTo("busy TOO_MANY_CONNECTIONS");
        assertThat(refused.readLine()).isNull();
    }

    @Test
    void stopEndsATlsConnectionWaitingForACommandAtOnce() throws IOException {
        var listener = start(settings());
        var client = connect(listener, "localhost");
        assertThat(client.exchange("x")).isEqualTo("hello");
        assertThat(client.readLine()).isEqualTo("X");
        listener.stop(Duration.ofSeconds(30));
        assertThat(client.readLine()).isEqualTo("bye");
        assertThat(client.readLine()).isNull();
    }

    /** Reads until the server closes; a reset counts, since the server may close with our bytes unread. */
    private static boolean endOfStreamOrReset(Socket socket) throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // A TLS alert may come first; we only wait for the close.
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }
}
