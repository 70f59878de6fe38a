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

/** COMPRESS=DEFLATE (RFC 4978) against the JDK's own Deflater and Inflater on the client side. */
class CompressionTest {
    private static final int MEGABYTE = 1 << 20;

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

    private LineClient compressed() throws IOException {
        var client = connect();
        assertThat(client.exchange("COMPRESS")).isEqualTo("OK DEFLATE active");
        return client.startCompression();
    }

    @Test
    void theGoAheadIsPlainAndEverythingAfterItIsCompressed() throws IOException {
        var client = compressed();
        assertThat(client.exchange("STATUS")).isEqualTo("plain compressed");
        assertThat(client.exchange("ping")).isEqualTo("PING");
    }

    @Test
    void everyFlushedBatchReachesTheClientWithoutWaitingForMore() throws IOException {
        var client = compressed();
        // Without a SYNC_FLUSH per batch the deflater would sit on these few bytes and the client
        // would wait for a reply forever (here: until its read timeout fails the test).
        for (int i = 0; i < 1000; i++) {
            assertThat(client.exchange("ping " + i)).isEqualTo("PING " + i);
        }
    }

    @Test
    void pipelinedCommandsInOneCompressedWriteGetTheirRepliesInOrder() throws IOException {
        var client = compressed();
        var batch = new StringBuilder();
        for (int i = 0; i < 200; i++) batch.append("line ").append(i).append("\r\n");
        client.write(batch.toString().getBytes(ISO_8859_1));
        for (int i = 0; i < 200; i++) assertThat(client.readLine()).isEqualTo("LINE " + i);
    }

    @Test
    void aMegabyteTravelsBothWays() throws IOException {
        var client = compressed();
        byte[] upload = UpgradingEcho.payload(MEGABYTE, 1);
        client.send("UPLOAD " + MEGABYTE);
        client.write(upload);
        assertThat(client.readLine()).isEqualTo("SHA " + UpgradingEcho.sha256(upload));

        client.send("DOWNLOAD " + MEGABYTE + " 2");
        assertThat(client.readBytes(MEGABYTE)).isEqualTo(UpgradingEcho.payload(MEGABYTE, 2));
        assertThat(client.readLine()).isEqualTo("END");
        assertThat(client.exchange("ping")).isEqualTo("PING");
    }

    @Test
    void repetitiveRepliesTakeFarFewerBytesOnTheWire() throws IOException {
        var client = compressed();
        long before = client.wireBytesRead();
        client.send("REPEAT " + MEGABYTE);
        assertThat(client.readBytes(MEGABYTE)).containsOnly((byte) 'x');
        assertThat(client.readLine()).isEqualTo("END");
        assertThat(client.wireBytesRead() - before).isLessThan(MEGABYTE / 50);
    }

    @Test
    void compressionGoesAboveTls() throws IOException {
        var client = connect();
        assertThat(client.exchange("STARTTLS")).isEqualTo("OK begin TLS now");
        client.startTls(identity.trustingContext(), "localhost");
        assertThat(client.exchange("COMPRESS")).isEqualTo("OK DEFLATE active");
        client.startCompression();
        assertThat(client.exchange("STATUS")).startsWith("TLSv1.3 ").endsWith(" compressed");
        client.send("DOWNLOAD " + MEGABYTE + " 3");
        assertThat(client.readBytes(MEGABYTE)).isEqualTo(UpgradingEcho.payload(MEGABYTE, 3));
        assertThat(client.readLine()).isEqualTo("END");
        for (int i = 0; i < 100; i++) assertThat(client.exchange("tls " + i)).isEqualTo("TLS " + i);
    }

    @Test
    void compressionIsRefusedWhenTheClientSentMoreAfterIt() throws IOException {
        var client = connect();
        client.write("COMPRESS\r\nnext\r\n".getBytes(ISO_8859_1));
        assertThat(client.readLine()).startsWith("BAD client sent").contains("after COMPRESS");
        assertThat(client.readLine()).isEqualTo("NEXT");
        assertThat(client.exchange("STATUS")).isEqualTo("plain uncompressed");
    }

    @Test
    void compressingTwiceIsRefused() throws IOException {
        var client = compressed();
        assertThat(client.exchange("COMPRESS")).isEqualTo("BAD compression is already active");
        assertThat(client.exchange("ping")).isEqualTo("PING");
    }

    @Test
    void stopEndsACompressedConnectionWaitingForACommandAtOnce() throws IOException {
        var client = compressed();
        assertThat(client.exchange("x")).isEqualTo("X");
        listener.stop(Duration.ofSeconds(30));
        assertThat(client.readLine()).isEqualTo("bye");
        assertThat(client.readLine()).isNull();
    }

    @Test
    void invalidDeflateDataClosesOnlyThatConnection() throws IOException {
        var other = compressed();
        var client = connect();
        client.exchange("COMPRESS");
        // 0xff starts a block of the reserved type 3 (RFC 1951 §3.2.3): invalid.
        client.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0d, 0x0a});
        assertThat(closedByServer(client)).isTrue();
        assertThat(other.exchange("fine")).isEqualTo("FINE");
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.activeConnections() == 1);
    }

    private static boolean closedByServer(LineClient client) {
        try {
            while (client.readLine() != null) {
                // Nothing is expected, but the end.
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // Reset: closed as well.
        }
        return true;
    }
}
