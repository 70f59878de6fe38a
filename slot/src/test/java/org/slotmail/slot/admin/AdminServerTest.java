package org.slotmail.slot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.slot.AdminSettings;
import org.slotmail.slot.ChannelConfig;
import org.slotmail.slot.OneAccountDirectory;
import org.slotmail.slot.Ports;
import org.slotmail.slot.ReplicationSettings;
import org.slotmail.slot.Secret;
import org.slotmail.slot.Slot;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.TextClient;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.slot.api.SlotAdminException;
import org.slotmail.slot.api.SlotRole;

/** The admin API of a real slot, through the slot-api client and, for malformed calls, raw HTTP. */
class AdminServerTest {
    private static final String TOKEN = "pw-secret-admin-token";

    @TempDir
    Path dir;

    private Slot slot;
    private final HttpClient http = HttpClient.newHttpClient();

    private Slot start(ReplicationSettings replication) {
        var config = SlotConfig.standalone(
                        "s1", dir, "127.0.0.1", Ports.ephemeral(), "slot.test", SlotConfig.DEFAULT_MAX_MESSAGE_SIZE)
                .withAdmin(AdminSettings.on(0, new Secret(TOKEN)))
                .withReplication(replication);
        slot = Slot.start(config, new OneAccountDirectory());
        return slot;
    }

    private Slot start() {
        return start(ReplicationSettings.none());
    }

    private SlotAdminClient client(String token) {
        return new SlotAdminClient("127.0.0.1", slot.adminAddress().getPort(), token);
    }

    private HttpResponse<String> raw(String method, String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + slot.adminAddress().getPort() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        if (slot != null) slot.close();
    }

    @Nested
    class Authentication {
        @Test
        void aCallWithoutTokenIsRefusedWith401() throws Exception {
            start();
            var response = raw("GET", "/status", null, null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.body()).doesNotContain(TOKEN);
        }

        @Test
        void aWrongTokenIsRefusedWith401EvenForAnUnknownPath() throws Exception {
            start();
            assertThatThrownBy(() -> client("pw-secret-wrong").status())
                    .isInstanceOfSatisfying(
                            SlotAdminException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThat(raw("GET", "/no-such-call", null, "pw-secret-wrong").statusCode())
                    .isEqualTo(401);
            assertThat(raw("GET", "/status", null, TOKEN + "x").statusCode()).isEqualTo(401);
        }

        @Test
        void aRefusedRoleChangeChangesNothing() throws Exception {
            start();
            assertThat(raw("POST", "/role", "{\"role\":\"replica\"}", "pw-secret-wrong")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(slot.role()).isEqualTo(SlotRole.MASTER);
        }
    }

    @Nested
    class Calls {
        @Test
        void statusReportsTheSlotItsListenersAndChannels() throws Exception {
            start(new ReplicationSettings(
                    -1,
                    Optional.of(new Secret("pw-secret-replication")),
                    List.of(new ChannelConfig("s2", "s2", "127.0.1.2", 10872))));
            var status = client(TOKEN).status();
            assertThat(status.slot()).isEqualTo("s1");
            assertThat(status.store()).isEqualTo("s1");
            assertThat(status.role()).isEqualTo(SlotRole.MASTER);
            assertThat(status.listenersUp()).isTrue();
            assertThat(status.listeners())
                    .containsOnlyKeys("lmtp", "imap", "imaps", "pop3", "pop3s")
                    .containsEntry("imap", "127.0.0.1:" + slot.imapAddress().getPort());
            assertThat(status.channels()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("s2");
                assertThat(c.replica()).isEqualTo("s2");
                assertThat(c.address()).isEqualTo("127.0.1.2:10872");
            });
        }

        @Test
        void listenersStopAndStartAgainOnTheSamePorts() throws Exception {
            start();
            var imap = slot.imapAddress();
            var stopped = client(TOKEN).stopListeners(Duration.ofMillis(200));
            assertThat(stopped.listenersUp()).isFalse();
            assertThat(stopped.listeners()).isEmpty();
            assertThatThrownBy(() -> new Socket(imap.getAddress(), imap.getPort()).close())
                    .isInstanceOf(ConnectException.class);
            var started = client(TOKEN).startListeners();
            assertThat(started.listenersUp()).isTrue();
            assertThat(slot.imapAddress()).isEqualTo(imap);
            try (var c = new TextClient(imap)) {
                assertThat(c.line()).startsWith("* OK");
            }
            assertThat(client(TOKEN).startListeners().listenersUp())
                    .as("starting twice is harmless")
                    .isTrue();
        }

        @Test
        void stoppingListenersTellsIdleSessions() throws Exception {
            start();
            try (var c = new TextClient(slot.imapAddress())) {
                c.line();
                client(TOKEN).stopListeners(Duration.ofSeconds(1));
                assertThat(c.lastLineBeforeClose()).contains("BYE");
            }
        }

        @Test
        void roleChangesTakeEffectAtOnce() throws Exception {
            start();
            assertThat(client(TOKEN).changeRole(SlotRole.REPLICA).role()).isEqualTo(SlotRole.REPLICA);
            try (var c = new TextClient(slot.imapAddress())) {
                c.line();
                assertThat(c.command("a1 LOGIN " + OneAccountDirectory.USER + " " + OneAccountDirectory.PASSWORD))
                        .startsWith("a1 NO [UNAVAILABLE]");
            }
            assertThat(client(TOKEN).changeRole(SlotRole.MASTER).role()).isEqualTo(SlotRole.MASTER);
            assertThat(slot.role()).isEqualTo(SlotRole.MASTER);
        }

        @Test
        void drainOfASlotWithoutChannelsAnswers200() throws Exception {
            start();
            var result = client(TOKEN).drain(Duration.ofSeconds(1));
            assertThat(result.drained()).isTrue();
            assertThat(result.channels()).isEmpty();
            assertThat(raw("POST", "/drain", "", TOKEN).statusCode()).isEqualTo(200);
        }

        @Test
        void drainThatCannotEmptyAChannelAnswers504WithTheChannels() throws Exception {
            // A replica nobody listens for: the change below stays queued.
            int nobody;
            try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                nobody = probe.getLocalPort();
            }
            start(new ReplicationSettings(
                    -1,
                    Optional.of(new Secret("pw-secret-replication")),
                    List.of(new ChannelConfig("s2", "s2", "127.0.0.1", nobody))));
            try (var lmtp = new TextClient(slot.lmtpAddress())) {
                lmtp.line();
                lmtp.command("LHLO mta.example.net");
                lmtp.command("MAIL FROM:<bob@example.org>");
                lmtp.command("RCPT TO:<" + OneAccountDirectory.USER + ">");
                lmtp.command("DATA");
                lmtp.write("Subject: queued\r\n\r\nhello\r\n.");
                assertThat(lmtp.line()).startsWith("250 ");
            }
            var result = client(TOKEN).drain(Duration.ofMillis(300));
            assertThat(result.drained()).isFalse();
            assertThat(result.channels()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("s2");
                assertThat(c.backlogEntries()).isPositive();
                assertThat(c.state()).isIn("shipping", "retrying");
            });
            assertThat(raw("POST", "/drain", "{\"timeoutMillis\":100}", TOKEN).statusCode())
                    .isEqualTo(504);
        }
    }

    @Nested
    class BadRequests {
        @Test
        void anUnknownRoleIs400WithTheReason() throws Exception {
            start();
            var response = raw("POST", "/role", "{\"role\":\"boss\"}", TOKEN);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("role must be master or replica, not 'boss'");
            assertThat(slot.role()).isEqualTo(SlotRole.MASTER);
        }

        @Test
        void aRoleChangeWithoutRoleIs400() throws Exception {
            start();
            assertThat(raw("POST", "/role", "", TOKEN).statusCode()).isEqualTo(400);
            assertThat(raw("POST", "/role", "{}", TOKEN).body()).contains("say which role");
        }

        @Test
        void anUnknownFieldIs400NamingIt() throws Exception {
            start();
            var response = raw("POST", "/drain", "{\"timeoutMilis\":100}", TOKEN);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("unknown field \\\"timeoutMilis\\\"", "timeoutMillis");
        }

        @Test
        void malformedJsonIs400() throws Exception {
            start();
            var response = raw("POST", "/listeners/stop", "{graceMillis: ", TOKEN);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("bad JSON body");
            assertThat(slot.status().listenersUp()).isTrue();
        }

        @Test
        void aNegativeOrHugeTimeoutIs400() throws Exception {
            start();
            assertThat(raw("POST", "/drain", "{\"timeoutMillis\":-1}", TOKEN).body())
                    .contains("must not be negative");
            assertThat(raw("POST", "/listeners/stop", "{\"graceMillis\":99999999999}", TOKEN)
                            .statusCode())
                    .isEqualTo(400);
            assertThat(raw("POST", "/drain", "{\"timeoutMillis\":\"soon\"}", TOKEN)
                            .statusCode())
                    .isEqualTo(400);
        }

        @Test
        void anUnknownPathIs404AndAWrongMethod405() throws Exception {
            start();
            assertThat(raw("GET", "/nothing", null, TOKEN).statusCode()).isEqualTo(404);
            var response = raw("GET", "/role", null, TOKEN);
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
            assertThat(raw("POST", "/status", "{}", TOKEN).statusCode()).isEqualTo(405);
        }
    }
}
