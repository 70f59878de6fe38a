package org.slotmail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NullLmtpServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void answersEveryRecipientOfEveryMessageOverPipelinedSessions() throws Exception {
        try (var server = NullLmtpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            var plan = new LoadPlan(
                    server.localAddress(),
                    3,
                    60,
                    6,
                    "bench@example.net",
                    List.of("a@example.com", "b@example.com"),
                    new MessageFactory(3000, "bench@example.net", "n", 1),
                    true,
                    TIMEOUT,
                    false);
            var report = new ByteArrayOutputStream();
            LoadResult result = LoadRun.run(plan, "null", new PrintStream(report, true, StandardCharsets.UTF_8));
            assertThat(result.clean())
                    .as(report.toString(StandardCharsets.UTF_8))
                    .isTrue();
            assertThat(result.messages()).isEqualTo(60);
            assertThat(result.line()).contains("pipelining=yes");
        }
    }

    @Test
    void aMessageOfDotStuffedLinesEndsOnlyAtItsFinalDot() throws Exception {
        try (var server = NullLmtpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                var client = LmtpClient.connect(server.localAddress(), "bench@example.net", TIMEOUT, true)) {
            byte[] body = "Subject: dots\r\n\r\n.\r\n..\r\n.x\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(client.deliver(body, List.of("a@example.com")).failures())
                    .isEmpty();
            // The session is still in step: a second message gets its own reply.
            assertThat(client.deliver(body, List.of("a@example.com")).failures())
                    .isEmpty();
        }
    }
}
