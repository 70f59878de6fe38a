package org.slotmail.sync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.net.tls.TlsIdentity;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;
import org.slotmail.sync.client.ReplicaEndpoint;
import org.slotmail.sync.client.ReplicaSession;
import org.slotmail.sync.protocol.ErrorCode;
import org.slotmail.sync.protocol.FrameInput;
import org.slotmail.sync.protocol.FrameOutput;
import org.slotmail.sync.protocol.Handshake;
import org.slotmail.sync.protocol.SyncMessage;
import org.slotmail.sync.protocol.SyncSecret;
import org.slotmail.sync.protocol.TlsBinding;

/** Whatever a peer sends, the sync server answers clearly or hangs up, and goes on serving everyone else. */
class ServerRobustnessTest {
    private static final SyncSecret SECRET = SyncSecret.of("pw-secret-robustness-0123456789");

    @TempDir
    Path dir;

    SlotStore store;
    SyncServer server;
    TlsIdentity identity;

    @BeforeEach
    void setUp() throws IOException {
        store = SlotStore.open(StoreSettings.defaults(dir.resolve("slot")));
        identity = TlsIdentity.demo(dir.resolve("tls"), "localhost");
        var settings = SyncServerSettings.defaults(
                        new InetSocketAddress("127.0.0.1", 0), identity.serverContext(), SECRET)
                .withMaxFrameBytes(64 * 1024);
        server = new SyncServer(store.replication(), settings, () -> true);
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
        store.close();
    }

    private ReplicaEndpoint endpoint(InetSocketAddress address) {
        return ReplicaEndpoint.of(address, SECRET).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private void stillServes() throws IOException {
        try (var session = ReplicaSession.open(endpoint(server.localAddress()))) {
            assertThat(session.ping(99)).isEqualTo(99);
        }
    }

    @Test
    void plainTextAndGarbageBeforeTheHandshakeAreDropped() throws Exception {
        try (var socket = new Socket(
                InetAddress.getLoopbackAddress(), server.localAddress().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
            assertThat(socket.getInputStream().read(new byte[100])).isLessThan(100);
        } catch (SocketException e) {
            // Reset by the server: as good as closed.
        }
        try (var raw = RawSession.open(server.localAddress())) {
            byte[] junk = new byte[300];
            new SecureRandom().nextBytes(junk);
            raw.out.write(junk);
            raw.out.flush();
            // Told it broke the protocol (when the junk happened to frame a message), then dropped.
            try {
                assertThat(raw.frames.read())
                        .isInstanceOfSatisfying(
                                SyncMessage.Failure.class,
                                f -> assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL));
            } catch (IOException e) {
                // Or dropped at once.
            }
            assertThatThrownBy(() -> raw.frames.read()).isInstanceOf(IOException.class);
        }
        stillServes();
    }

    @Test
    void aRequestBeforeAuthenticationIsRefused() throws Exception {
        try (var raw = RawSession.open(server.localAddress())) {
            raw.writer.write(new SyncMessage.GetAccounts());
            raw.writer.flush();
            SyncMessage reply = raw.frames.read();
            assertThat(reply)
                    .isInstanceOfSatisfying(
                            SyncMessage.Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL));
            assertThatThrownBy(() -> raw.frames.read()).isInstanceOf(EOFException.class);
        }
        stillServes();
    }

    @Test
    void afterAuthenticationBadFramesGetAFailure() throws Exception {
        try (var raw = RawSession.open(server.localAddress())) {
            raw.authenticate();
            // A frame over the limit is skipped and answered; the session goes on.
            byte[] big = new byte[100 * 1024];
            raw.out.write(new byte[] {0, 1, (byte) 0x90, 0});
            raw.out.write(big, 0, 0x019000);
            raw.out.flush();
            assertThat(raw.frames.read())
                    .isInstanceOfSatisfying(
                            SyncMessage.Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.TOO_LARGE));
            raw.writer.write(new SyncMessage.Ping(7));
            raw.writer.flush();
            assertThat(raw.frames.read()).isEqualTo(new SyncMessage.Pong(7));
            // An unknown message type breaks the protocol: answered, then closed.
            raw.out.write(new byte[] {0, 0, 0, 1, (byte) 0xee});
            raw.out.flush();
            assertThat(raw.frames.read())
                    .isInstanceOfSatisfying(
                            SyncMessage.Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL));
            assertThatThrownBy(() -> raw.frames.read()).isInstanceOf(EOFException.class);
        }
        stillServes();
    }

    @Test
    void blobBytesWithoutAHeaderOrLongerThanAnnouncedBreakTheSession() throws Exception {
        try (var raw = RawSession.open(server.localAddress())) {
            raw.authenticate();
            raw.writer.write(new SyncMessage.PutBlob(org.slotmail.mailbox.Guid.of(new byte[32]), 3));
            raw.writer.writeChunk(new byte[10], 0, 10);
            raw.writer.flush();
            assertThat(raw.frames.read())
                    .isInstanceOfSatisfying(
                            SyncMessage.Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL));
        }
        stillServes();
    }

    @Test
    void tls12SessionsAreBoundAndAuthenticateToo() throws Exception {
        try (var raw = RawSession.open(server.localAddress(), "TLSv1.2")) {
            assertThat(raw.socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            raw.authenticate();
            raw.writer.write(new SyncMessage.Ping(12));
            raw.writer.flush();
            assertThat(raw.frames.read()).isEqualTo(new SyncMessage.Pong(12));
        }
    }

    /**
     * A man in the middle that terminates TLS towards the client with a certificate of its own
     * (the client, trusting any, accepts it) and opens its own TLS session to the server, then
     * relays every byte: it needs no secret to relay proofs, but the proofs are bound to each TLS
     * session, so the server rejects the client's and nothing is replicated through it.
     */
    @Test
    void aRelayTerminatingTlsCannotPassTheHandshake() throws Exception {
        TlsIdentity mitmIdentity = TlsIdentity.demo(Files.createTempDirectory(dir, "mitm"), "localhost");
        try (var mitm = (SSLServerSocket) mitmIdentity
                .serverContext()
                .getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var victim = mitm.accept();
                        var upstream = RawSession.tls(server.localAddress())) {
                    Thread a = Thread.ofVirtual().start(() -> pump(victim, upstream));
                    pump(upstream, victim);
                    a.join();
                } catch (IOException | InterruptedException e) {
                    // The relay is done.
                }
            });
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), mitm.getLocalPort());
            assertThatThrownBy(() -> ReplicaSession.open(endpoint(address)))
                    .isInstanceOf(Handshake.AuthenticationException.class)
                    .hasMessageContaining("refused our proof");
        }
        stillServes();
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side closed.
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException e) {
                // Closing is all we wanted.
            }
        }
    }

    /** A TLS connection to the server speaking frames by hand. */
    static final class RawSession implements AutoCloseable {
        final SSLSocket socket;
        final OutputStream out;
        final FrameInput frames;
        final FrameOutput writer;

        private RawSession(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            this.frames = new FrameInput(in, 1 << 20);
            this.writer = new FrameOutput(out, 1 << 20);
        }

        static RawSession open(InetSocketAddress address) throws IOException {
            return new RawSession(tls(address));
        }

        static RawSession open(InetSocketAddress address, String protocol) throws IOException {
            return new RawSession(tls(address, protocol));
        }

        static SSLSocket tls(InetSocketAddress address) throws IOException {
            return tls(address, null);
        }

        static SSLSocket tls(InetSocketAddress address, String protocol) throws IOException {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustingAll()}, null);
                var socket =
                        (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
                socket.setSoTimeout(5000);
                if (protocol != null) socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                return socket;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        void authenticate() throws IOException {
            Handshake.asClient(frames, writer, SECRET, TlsBinding.of(socket.getSession()), "raw");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final class TrustingAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
