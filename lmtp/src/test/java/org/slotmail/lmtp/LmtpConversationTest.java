package org.slotmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Command order, replies and session lifecycle, over a real socket. */
class LmtpConversationTest {
    private TestServer server;

    private TestServer start(LmtpSettings settings) {
        server = new TestServer(settings);
        return server;
    }

    private TestServer start() {
        return start(LmtpSettings.defaults(TestServer.HOST));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void theGreetingNamesTheHostAndLmtp() throws IOException {
        var c = start().connect();
        assertThat(c.line()).isEqualTo("220 lmtp.test.example LMTP Slotmail ready");
    }

    @Test
    void lhloAnnouncesTheExtensions() throws IOException {
        var c = start().connect();
        c.line();
        c.write("LHLO mta.example.net\r\n");
        assertThat(c.reply())
                .containsExactly(
                        "250-lmtp.test.example",
                        "250-PIPELINING",
                        "250-ENHANCEDSTATUSCODES",
                        "250-8BITMIME",
                        "250 SIZE 52428800");
    }

    /** RFC 2033 §4.3's example, with our reply texts: one reply per accepted recipient after DATA. */
    @Test
    void theRfc2033ExampleSessionGetsOneReplyPerAcceptedRecipient() throws IOException {
        var s = start();
        var c = s.connect();
        assertThat(c.line()).startsWith("220 ");
        c.write("LHLO foo.edu\r\n");
        assertThat(c.reply()).first().isEqualTo("250-lmtp.test.example");
        assertThat(c.send("MAIL FROM:<chris@bar.com>")).startsWith("250 2.1.0");
        assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("250 2.1.5");
        assertThat(c.send("RCPT TO:<jones@example.com>")).startsWith("550 5.1.1 <jones@example.com>");
        assertThat(c.send("RCPT TO:<green@example.com>")).startsWith("250 2.1.5");
        assertThat(c.send("DATA")).startsWith("354 ");
        c.write("Subject: test\r\n\r\n" + "Blah blah blah...\r\n".repeat(20) + "...etc. etc. etc.\r\n.\r\n");
        assertThat(c.line()).startsWith("250 2.0.0 <alice@example.com> delivered");
        assertThat(c.line()).isEqualTo("552 5.2.2 <green@example.com> mailbox is full");
        assertThat(c.send("QUIT")).isEqualTo("221 2.0.0 lmtp.test.example closing connection");
        assertThat(c.closedByServer()).isTrue();
        assertThat(s.store.stored)
                .singleElement()
                .satisfies(m -> assertThat(m.account()).isEqualTo(s.alice));
    }

    @Test
    void heloAndEhloAreRefusedBecauseLmtpRequiresLhlo() throws IOException {
        var c = start().connect();
        c.line();
        assertThat(c.send("HELO mta.example.net")).startsWith("500 5.5.1 ");
        assertThat(c.send("EHLO mta.example.net")).startsWith("500 5.5.1 ");
        assertThat(c.send("MAIL FROM:<a@example.net>")).startsWith("503 5.5.1 ");
    }

    @Nested
    class CommandsOutOfSequence {
        @Test
        void rcptBeforeMailIs503() throws IOException {
            var c = start().connect().greet();
            assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("503 5.5.1 ");
        }

        @Test
        void dataBeforeAnyRcptIs503() throws IOException {
            var c = start().connect().greet();
            assertThat(c.send("DATA")).startsWith("503 5.5.1 ");
            c.send("MAIL FROM:<a@example.net>");
            assertThat(c.send("DATA")).startsWith("503 5.5.1 ");
        }

        @Test
        void dataAfterOnlyRejectedRecipientsIs503AndNoBodyIsExpected() throws IOException {
            var c = start().connect().greet();
            c.send("MAIL FROM:<a@example.net>");
            assertThat(c.send("RCPT TO:<nobody@example.com>")).startsWith("550 ");
            assertThat(c.send("DATA")).startsWith("503 5.5.1 ");
            assertThat(c.send("NOOP")).startsWith("250 ");
        }

        @Test
        void aSecondMailInOneTransactionIs503() throws IOException {
            var c = start().connect().greet();
            c.send("MAIL FROM:<a@example.net>");
            assertThat(c.send("MAIL FROM:<b@example.net>")).startsWith("503 5.5.1 ");
        }

        @Test
        void rsetAndLhloEndTheTransaction() throws IOException {
            var c = start().connect().greet();
            c.send("MAIL FROM:<a@example.net>");
            assertThat(c.send("RSET")).isEqualTo("250 2.0.0 OK");
            assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("503 ");
            c.send("MAIL FROM:<a@example.net>");
            c.write("LHLO again.example.net\r\n");
            c.reply();
            assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("503 ");
            assertThat(c.send("MAIL FROM:<a@example.net>")).startsWith("250 ");
        }
    }

    @Test
    void noopVrfyAndUnknownOrUnofferedCommandsGetTheirCodes() throws IOException {
        var c = start().connect().greet();
        assertThat(c.send("NOOP anything")).isEqualTo("250 2.0.0 OK");
        assertThat(c.send("VRFY alice")).startsWith("252 2.5.0 ");
        assertThat(c.send("VRFY")).startsWith("501 5.5.4 ");
        assertThat(c.send("XYZZY")).startsWith("500 5.5.2 ");
        assertThat(c.send("EXPN staff")).startsWith("502 5.5.1 ");
        assertThat(c.send("DATA now")).startsWith("501 5.5.4 ");
    }

    @Test
    void pipelinedCommandsSentInOneWriteAreAnsweredInOrder() throws IOException {
        var s = start();
        var c = s.connect();
        c.line();
        c.write("LHLO mta.example.net\r\nMAIL FROM:<x@example.net> BODY=8BITMIME\r\nRCPT TO:<alice@example.com>\r\n"
                + "RCPT TO:<nobody@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        assertThat(c.reply()).last().isEqualTo("250 SIZE 52428800");
        assertThat(c.line()).startsWith("250 2.1.0");
        assertThat(c.line()).startsWith("250 2.1.5 <alice@example.com>");
        assertThat(c.line()).startsWith("550 5.1.1 <nobody@example.com>");
        assertThat(c.line()).startsWith("250 2.1.5 <bob@example.com>");
        assertThat(c.line()).startsWith("354 ");
        c.write("Subject: pipelined\r\n\r\nhi\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n");
        assertThat(c.line()).startsWith("250 2.0.0 <alice@example.com>");
        assertThat(c.line()).startsWith("250 2.0.0 <bob@example.com>");
        assertThat(c.line()).isEqualTo("250 2.0.0 OK");
        assertThat(c.line()).isEqualTo("250 2.0.0 OK");
        assertThat(c.line()).startsWith("221 ");
        assertThat(s.store.stored).hasSize(2);
    }

    @Test
    void aWholeTransactionWithItsBodyInOneWriteIsDelivered() throws IOException {
        var s = start();
        var c = s.connect();
        c.write(
                "LHLO m\r\nMAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nSubject: eager\r\n\r\nbody\r\n.\r\nQUIT\r\n");
        assertThat(c.line()).startsWith("220 ");
        assertThat(c.reply()).hasSize(5);
        assertThat(c.line()).startsWith("250 2.1.0");
        assertThat(c.line()).startsWith("250 2.1.5");
        assertThat(c.line()).startsWith("354 ");
        assertThat(c.line()).startsWith("250 2.0.0 <bob@example.com>");
        assertThat(c.line()).startsWith("221 ");
        assertThat(s.store.stored)
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("Subject: eager\r\n\r\nbody\r\n"));
    }

    @Test
    void recipientsOverTheLimitGet452AndTheAcceptedOnesStillReceiveTheMessage() throws IOException {
        var s = start(LmtpSettings.defaults(TestServer.HOST).withMaxRecipients(2));
        var c = s.connect().greet();
        c.send("MAIL FROM:<x@example.net>");
        assertThat(c.send("RCPT TO:<alice@example.com>")).startsWith("250 ");
        assertThat(c.send("RCPT TO:<bob@example.com>")).startsWith("250 ");
        assertThat(c.send("RCPT TO:<green@example.com>")).startsWith("452 4.5.3 ");
        c.send("DATA");
        c.write("hi\r\n.\r\n");
        assertThat(c.line()).startsWith("250 ");
        assertThat(c.line()).startsWith("250 ");
        assertThat(c.send("NOOP")).startsWith("250 2.0.0 OK");
    }

    @Test
    void tooManyBadCommandsCloseTheSession() throws IOException {
        var c = start().connect();
        c.line();
        for (int i = 0; i < 19; i++) assertThat(c.send("BOGUS")).startsWith("500 ");
        c.write("BOGUS\r\n");
        assertThat(c.line()).startsWith("500 ");
        assertThat(c.line()).startsWith("421 4.7.0 ");
        assertThat(c.closedByServer()).isTrue();
    }

    @Test
    void anIdleClientGets421AndIsDisconnected() throws IOException {
        var c = start(LmtpSettings.defaults(TestServer.HOST).withIdleTimeout(Duration.ofMillis(300)))
                .connect()
                .greet();
        assertThat(c.line()).isEqualTo("421 4.4.2 lmtp.test.example idle timeout, closing connection");
        assertThat(c.closedByServer()).isTrue();
    }

    @Test
    void stoppingTheServerSays421ToAnIdleSessionAtOnce() throws IOException {
        var s = start();
        var c = s.connect().greet();
        long began = System.nanoTime();
        s.server.stop(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(c.line()).startsWith("421 4.3.2 ");
        assertThat(c.closedByServer()).isTrue();
    }

    @Test
    void stoppingTheServerLetsAMessageInTransferFinishFirst() throws Exception {
        var s = start();
        var c = s.connect().greet();
        c.send("MAIL FROM:<x@example.net>");
        c.send("RCPT TO:<bob@example.com>");
        c.send("DATA");
        c.write("Subject: in flight\r\n\r\nfirst half\r\n");
        var stopped = CompletableFuture.runAsync(() -> s.server.stop(Duration.ofSeconds(30)));
        var address = s.server.localAddress();
        await().atMost(Duration.ofSeconds(10)).until(() -> refusesConnections(address));
        c.write("second half\r\n.\r\n");
        assertThat(c.line()).startsWith("250 2.0.0 <bob@example.com>");
        assertThat(c.line()).startsWith("421 4.3.2 ");
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(s.store.stored)
                .singleElement()
                .satisfies(m -> assertThat(m.body()).endsWith("second half\r\n"));
    }

    private static boolean refusesConnections(InetSocketAddress address) {
        try (var socket = new Socket(address.getAddress(), address.getPort())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aClientOverTheConnectionLimitIsToldWhyWith421() throws IOException {
        var s = start(LmtpSettings.defaults(TestServer.HOST).withConnectionLimits(1, 1));
        s.connect().greet();
        var second = s.connect();
        assertThat(second.line()).startsWith("421 4.4.5 ");
        assertThat(second.closedByServer()).isTrue();
    }

    @Test
    void concurrentSessionsEachDeliverTheirMessages() throws Exception {
        var s = start();
        int sessions = 20;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<String>>();
            for (int i = 0; i < sessions; i++) {
                int n = i;
                Callable<String> session = () -> {
                    try (var c = s.connect().greet()) {
                        c.send("MAIL FROM:<sender" + n + "@example.net>");
                        c.send("RCPT TO:<alice@example.com>");
                        c.send("DATA");
                        c.write(("Subject: message " + n + "\r\n\r\n" + "line\r\n".repeat(1000)) + ".\r\n");
                        String reply = c.line();
                        c.send("QUIT");
                        return reply;
                    }
                };
                results.add(pool.submit(session));
            }
            for (var r : results) assertThat(r.get()).startsWith("250 2.0.0 ");
        }
        assertThat(s.store.stored).hasSize(sessions);
        assertThat(s.store.stored)
                .extracting(m -> m.body().lines().findFirst().orElseThrow())
                .doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(10)).until(() -> s.server.activeConnections() == 0);
    }
}
