package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.imap.session.ImapSettings;

/**
 * A server under a flood of garbage keeps serving a normal client: random bytes, connections opened
 * and dropped, and slowloris clients that send a partial line a byte at a time all run in the
 * background while a normal client logs in, selects and NOOPs, each answer within 1 s.
 */
class FloodTest {
    private static final int NORMAL_ROUNDS = 20;
    private static final int SLOWLORIS = 150;
    private static final int READ_TIMEOUT_MS = 1000;

    @TempDir
    Path dir;

    @Test
    void aNormalClientIsAnsweredWithinOneSecondDuringTheFlood() throws Exception {
        try (var server = new TestServer(dir, ImapSettings.defaults("imap.test", 1 << 20))) {
            var alice = server.user("alice@example.com");
            server.deliver(alice, "Subject: still here\r\n\r\nhello\r\n");
            var address = server.server.localAddress();
            var flooding = new AtomicBoolean(true);
            var floodConnections = new AtomicLong();
            var threads = new ArrayList<Thread>();
            for (int i = 0; i < 3; i++) {
                threads.add(Thread.ofVirtual().start(() -> garbage(address, flooding, floodConnections)));
                threads.add(Thread.ofVirtual().start(() -> openAndDrop(address, flooding, floodConnections)));
            }
            List<Socket> slow = new ArrayList<>();
            threads.add(Thread.ofVirtual().start(() -> slowloris(address, flooding, slow, floodConnections)));
            try {
                // Let the flood build up before the normal client starts.
                Thread.sleep(300);
                for (int round = 0; round < NORMAL_ROUNDS; round++) {
                    try (var c = new ImapTestClient("127.0.0.9", server.server.port())) {
                        c.socket.setSoTimeout(READ_TIMEOUT_MS);
                        assertThat(c.greeting).startsWith("* OK");
                        c.ok("LOGIN alice@example.com " + TestServer.password("alice@example.com"));
                        assertThat(c.ok("SELECT INBOX")).anyMatch(l -> l.equals("* 1 EXISTS"));
                        c.ok("NOOP");
                        c.ok("LOGOUT");
                    }
                }
            } finally {
                flooding.set(false);
                for (Thread t : threads) t.join();
                synchronized (slow) {
                    for (Socket s : slow) s.close();
                }
            }
            // The flood really happened while the normal client was served.
            assertThat(floodConnections.get()).isGreaterThan(SLOWLORIS);
        }
    }

    /** Connects from 127.0.0.5 and writes random bytes, sometimes with CRLFs, then drops. */
    private static void garbage(InetSocketAddress address, AtomicBoolean flooding, AtomicLong count) {
        var random = ThreadLocalRandom.current();
        while (flooding.get()) {
            try (var s = connect(address, "127.0.0.5")) {
                count.incrementAndGet();
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 20 && flooding.get(); i++) {
                    byte[] junk = new byte[random.nextInt(1, 4096)];
                    random.nextBytes(junk);
                    if (random.nextBoolean()) junk[junk.length - 1] = '\n';
                    out.write(junk);
                }
            } catch (IOException e) {
                // The server closing on us is one of the expected outcomes.
            }
        }
    }

    /** Connects from 127.0.0.6 and closes at once, or after reading the greeting. */
    private static void openAndDrop(InetSocketAddress address, AtomicBoolean flooding, AtomicLong count) {
        var random = ThreadLocalRandom.current();
        while (flooding.get()) {
            try (var s = connect(address, "127.0.0.6")) {
                count.incrementAndGet();
                if (random.nextBoolean()) s.getInputStream().read();
                if (random.nextBoolean()) s.setSoLinger(true, 0); // RST instead of FIN
            } catch (IOException e) {
                // expected now and then
            }
        }
    }

    /** Opens many connections from 127.0.0.7 that each send a never-ending first line, a byte at a time. */
    private static void slowloris(
            InetSocketAddress address, AtomicBoolean flooding, List<Socket> slow, AtomicLong count) {
        try {
            for (int i = 0; i < SLOWLORIS && flooding.get(); i++) {
                var s = connect(address, "127.0.0.7");
                count.incrementAndGet();
                synchronized (slow) {
                    slow.add(s);
                }
            }
            while (flooding.get()) {
                synchronized (slow) {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write('a');
                        } catch (IOException e) {
                            // closed by the server
                        }
                    }
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Socket connect(InetSocketAddress address, String from) throws IOException {
        var s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(address, 5000);
        return s;
    }
}
