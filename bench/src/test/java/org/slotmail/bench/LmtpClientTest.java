package org.slotmail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LmtpClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> TWO = List.of("user1@example.com", "user2@example.com");

    @Test
    void pipelinesTheEnvelopeAndWaitsForEveryRecipientsReply() throws Exception {
        try (FakeLmtpServer server = new FakeLmtpServer(true, Set.of())) {
            try (LmtpClient client = LmtpClient.connect(server.address(), "bench@example.net", TIMEOUT, true)) {
                assertThat(client.pipelining()).isTrue();
                for (int i = 0; i < 3; i++) {
                    assertThat(client.deliver(message(i), TWO).failures()).isEmpty();
                }
            }
            assertThat(server.bodies).hasSize(3);
            assertThat(server.commands)
                    .contains("MAIL FROM:<bench@example.net> SIZE=1024", "RCPT TO:<user2@example.com>", "QUIT");
        }
    }

    @Test
    void aRejectedRecipientIsAFailureAndTheOthersStillGetTheMessage() throws Exception {
        try (FakeLmtpServer server = new FakeLmtpServer(true, Set.of("user2@example.com"))) {
            try (LmtpClient client = LmtpClient.connect(server.address(), "bench@example.net", TIMEOUT, true)) {
                Delivery delivery = client.deliver(message(1), TWO);
                assertThat(delivery.failures()).extracting(LmtpReply::code).containsExactly(550);
                // The session is still usable afterwards.
                assertThat(client.deliver(message(2), List.of("user1@example.com"))
                                .failures())
                        .isEmpty();
            }
            assertThat(server.bodies).hasSize(2);
        }
    }

    @Test
    void whenNoRecipientIsAcceptedTheDataRefusalIsReportedAndTheSessionReset() throws Exception {
        try (FakeLmtpServer server = new FakeLmtpServer(true, Set.of("user1@example.com"))) {
            try (LmtpClient client = LmtpClient.connect(server.address(), "bench@example.net", TIMEOUT, true)) {
                Delivery delivery = client.deliver(message(1), List.of("user1@example.com"));
                assertThat(delivery.failures()).extracting(LmtpReply::code).containsExactly(550, 503);
            }
            assertThat(server.bodies).isEmpty();
            assertThat(server.commands).contains("RSET");
        }
    }

    @Test
    void withoutPipeliningItSendsOneCommandPerRoundTrip() throws Exception {
        try (FakeLmtpServer server = new FakeLmtpServer(false, Set.of())) {
            try (LmtpClient client = LmtpClient.connect(server.address(), "bench@example.net", TIMEOUT, true)) {
                assertThat(client.pipelining()).isFalse();
                assertThat(client.deliver(message(1), TWO).failures()).isEmpty();
            }
            assertThat(server.bodies).hasSize(1);
        }
    }

    @Test
    void aWholeRunCountsMessagesAndFailures() throws Exception {
        try (FakeLmtpServer server = new FakeLmtpServer(true, Set.of("user2@example.com"))) {
            LoadPlan plan = new LoadPlan(
                    server.address(),
                    1,
                    20,
                    2,
                    "bench@example.net",
                    TWO,
                    new MessageFactory(2048, "bench@example.net", "t", 1),
                    true,
                    TIMEOUT,
                    false);
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            LoadResult result = LoadRun.run(plan, "fake", new PrintStream(report, true, StandardCharsets.UTF_8));
            assertThat(result.messages()).isEqualTo(20);
            assertThat(result.failedReplies()).isEqualTo(22);
            assertThat(result.clean()).isFalse();
            assertThat(result.line()).contains("label=fake", "messages=20", "failures=22", "pipelining=yes");
            // Only the first few failures are printed (five per session), each with the server's reply.
            assertThat(report.toString(StandardCharsets.UTF_8).lines())
                    .hasSize(5)
                    .allMatch(l -> l.startsWith("lmtp-load: failure: ") && l.contains("550 5.1.1"));
        }
    }

    private static byte[] message(int n) {
        return new MessageFactory(1024, "bench@example.net", "t", 1).create(n, TWO);
    }
}
