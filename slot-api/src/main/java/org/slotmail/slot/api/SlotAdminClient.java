package org.slotmail.slot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Calls one slot's admin API over HTTP with its bearer token. Every call blocks until the slot
 * answers; a refusal is a {@link SlotAdminException}, an unreachable slot a plain {@link IOException}.
 */
public final class SlotAdminClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = AdminJson.lenient();

    private final URI base;
    private final String token;
    private final HttpClient http;

    /** A client for the slot whose admin API listens at {@code base} (e.g. {@code http://127.0.1.1:10881}). */
    public SlotAdminClient(URI base, String token) {
        this.base = Objects.requireNonNull(base, "base");
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public SlotAdminClient(String host, int port, String token) {
        this(URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port), token);
    }

    public SlotStatus status() throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(base.resolve(AdminPaths.STATUS)).GET(), CALL_TIMEOUT, SlotStatus.class);
    }

    /** Stops the client listeners; running commands get up to {@code grace}. Returns the slot's status after. */
    public SlotStatus stopListeners(Duration grace) throws IOException, InterruptedException {
        return post(AdminPaths.LISTENERS_STOP, new ListenerStop(grace.toMillis()), CALL_TIMEOUT.plus(grace));
    }

    public SlotStatus startListeners() throws IOException, InterruptedException {
        return post(AdminPaths.LISTENERS_START, null, CALL_TIMEOUT);
    }

    public SlotStatus changeRole(SlotRole role) throws IOException, InterruptedException {
        return post(AdminPaths.ROLE, new RoleChange(role), CALL_TIMEOUT);
    }

    /**
     * Waits up to {@code timeout} for every channel to empty. The result says whether it did; a
     * slot that did not drain in time answers 504, which is not an exception here.
     */
    public DrainResult drain(Duration timeout) throws IOException, InterruptedException {
        var request =
                HttpRequest.newBuilder(base.resolve(AdminPaths.DRAIN)).POST(body(new DrainRequest(timeout.toMillis())));
        HttpResponse<String> response = send(request, CALL_TIMEOUT.plus(timeout));
        if (response.statusCode() == 200 || response.statusCode() == 504) return read(response, DrainResult.class);
        throw refusal(response);
    }

    private SlotStatus post(String path, Object body, Duration timeout) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).POST(body == null ? noBody() : body(body));
        return call(request, timeout, SlotStatus.class);
    }

    private <T> T call(HttpRequest.Builder request, Duration timeout, Class<T> type)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(request, timeout);
        if (response.statusCode() != 200) throw refusal(response);
        return read(response, type);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(
                request.timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T read(HttpResponse<String> response, Class<T> type) throws IOException {
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new IOException("the slot's answer is not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    private static SlotAdminException refusal(HttpResponse<String> response) {
        String reason;
        try {
            reason = JSON.readValue(response.body(), ApiError.class).error();
        } catch (JsonProcessingException e) {
            reason = response.body().isBlank()
                    ? "(no reason given)"
                    : response.body().strip();
        }
        return new SlotAdminException(response.statusCode(), reason == null ? "(no reason given)" : reason);
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher noBody() {
        return HttpRequest.BodyPublishers.ofString("{}");
    }
}
