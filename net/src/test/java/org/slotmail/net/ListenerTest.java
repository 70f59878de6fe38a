package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenerTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    /** A line protocol for tests: greets, then answers each line with its upper-case form. */
    private static class Echo implements ConnectionHandler {
        @Override
        public void serve(Connection c) throws IOException {
            c.out().line("hello");
            while (true) {
                c.awaitingCommand(true);
                Line line = c.in().readLine(100);
                c.awaitingCommand(false);
                switch (line) {
                    case Line.End() -> {
                        if (c.stopping()) c.out().line("bye");
                        return;
                    }
                    case Line.TooLong(long n) -> c.out().line("too long " + n);
                    case Line.Text t -> c.out().line(t.latin1().toUpperCase());
                }
            }
        }

        @Override
        public void refuse(Connection c, Refusal why) throws IOException {
            c.out().line("busy " + why);
        }
    }

    private Listener start(ListenerSettings settings, ConnectionHandler handler) throws IOException {
        var listener = new Listener(settings, handler);
        listener.start();
        open.add(listener);
        return listener;
    }

    private static ListenerSettings settings() {
        return ListenerSettings.defaults("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private Client connect(Listener listener) throws IOException {
        var client = new Client(listener.localAddress());
        open.add(client);
        return client;
    }

    private record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        Client(InetSocketAddress address) throws IOException {
            this(new Socket(address.getAddress(), address.getPort()));
        }

        private Client(Socket socket) throws IOException {
            this(
                    socket,
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), ISO_8859_1)),
                    socket.getOutputStream());
            socket.setSoTimeout(10_000);
        }

        String send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(ISO_8859_1));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void portZeroBindsAFreePortThatCanBeRead() throws IOException {
        var listener = start(settings(), new Echo());
        assertThat(listener.port()).isPositive();
        var client = connect(listener);
        assertThat(client.in().readLine()).isEqualTo("hello");
        assertThat(client.send("ping")).isEqualTo("PING");
    }

    @Test
    void eachConnectionRunsOnItsOwnVirtualThreadWithNoDelay() throws Exception {
        var seen = new CompletableFuture<String>();
        var listener = start(settings(), c -> {
            seen.complete(Thread.currentThread().isVirtual() + " " + c.socket().getTcpNoDelay());
        });
        connect(listener);
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("true true");
    }

    @Test
    void overTheTotalLimitTheProtocolSendsItsRefusalAndTheConnectionCloses() throws IOException {
        var listener = start(settings().withLimits(2, 10), new Echo());
        connect(listener).in().readLine();
        connect(listener).in().readLine();
        var third = connect(listener);
        assertThat(third.in().readLine()).isEqualTo("busy TOO_MANY_CONNECTIONS");
        assertThat(third.in().readLine()).isNull();
        assertThat(listener.activeConnections()).isEqualTo(2);
    }

    @Test
    void overThePerAddressLimitTheClientIsRefusedUntilOneOfItsConnectionsEnds() throws IOException {
        var listener = start(settings().withLimits(10, 1), new Echo());
        var first = connect(listener);
        first.in().readLine();
        var second = connect(listener);
        assertThat(second.in().readLine()).isEqualTo("busy TOO_MANY_FROM_ADDRESS");
        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.activeConnections() == 0);
        assertThat(connect(listener).in().readLine()).isEqualTo("hello");
    }

    @Test
    void aSilentClientHitsTheIdleTimeout() throws IOException {
        var listener = start(settings().withIdleTimeout(Duration.ofMillis(200)), c -> {
            try {
                c.in().readLine(100);
            } catch (SocketTimeoutException e) {
                c.out().line("timeout");
            }
        });
        var client = connect(listener);
        assertThat(client.in().readLine()).isEqualTo("timeout");
        assertThat(client.in().readLine()).isNull();
    }

    @Test
    void stopEndsAConnectionWaitingForACommandAtOnce() throws IOException {
        var listener = start(settings(), new Echo());
        var client = connect(listener);
        assertThat(client.send("x")).isEqualTo("hello");
        assertThat(client.in().readLine()).isEqualTo("X");
        long began = System.nanoTime();
        listener.stop(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.in().readLine()).isEqualTo("bye");
        assertThat(client.in().readLine()).isNull();
    }

    @Test
    void stopLetsACommandInProgressFinishWithinTheGracePeriod() throws Exception {
        var working = new CountDownLatch(1);
        var listener = start(settings(), c -> {
            c.in().readLine(100);
            working.countDown();
            sleep(300);
            c.out().line("done " + c.stopping());
        });
        var client = connect(listener);
        client.out().write("work\r\n".getBytes(ISO_8859_1));
        client.out().flush();
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        listener.stop(Duration.ofSeconds(10));
        assertThat(client.in().readLine()).isEqualTo("done true");
    }

    @Test
    void stopClosesConnectionsStillBusyAfterTheGracePeriod() throws Exception {
        var interrupted = new AtomicBoolean();
        var busy = new CountDownLatch(1);
        var listener = start(settings(), c -> {
            busy.countDown();
            try {
                c.in().readLine(100); // busy, never marked as waiting for a command
            } catch (IOException e) {
                interrupted.set(true);
                throw e;
            }
        });
        var client = connect(listener);
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        long began = System.nanoTime();
        listener.stop(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted).isTrue();
        assertThat(client.in().read()).isEqualTo(-1);
    }

    @Test
    void afterStopNoConnectionIsAccepted() throws IOException {
        var listener = start(settings(), new Echo());
        var address = listener.localAddress();
        listener.stop(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aHandlerBugClosesOnlyThatConnection() throws IOException {
        var listener = start(settings(), c -> {
            String line = c.in().readLine(100) instanceof Line.Text t ? t.latin1() : "";
            if (line.equals("crash")) throw new IllegalStateException("test bug");
            c.out().line("fine");
        });
        var crashing = connect(listener);
        crashing.out().write("crash\r\n".getBytes(ISO_8859_1));
        assertThat(crashing.in().readLine()).isNull();
        assertThat(connect(listener).send("other")).isEqualTo("fine");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
