package org.slotmail.slot.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.slot.Secret;
import org.slotmail.slot.api.AdminJson;
import org.slotmail.slot.api.AdminPaths;
import org.slotmail.slot.api.ApiError;
import org.slotmail.slot.api.DrainRequest;
import org.slotmail.slot.api.ListenerStop;
import org.slotmail.slot.api.RoleChange;

/**
 * The admin API's HTTP server (JDK {@code com.sun.net.httpserver}, one virtual thread per
 * request). Every call needs {@code Authorization: Bearer <token>}; anything else gets 401
 * before the path is even looked at. Bodies are JSON records from {@code slot-api}; a bad one gets
 * 400 with the reason.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final ObjectMapper JSON = AdminJson.strict();
    private static final int MAX_BODY = 64 * 1024;
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final HttpServer http;
    private final ExecutorService executor;
    private final Secret token;
    private final SlotControl slot;

    private AdminServer(HttpServer http, ExecutorService executor, Secret token, SlotControl slot) {
        this.http = http;
        this.executor = executor;
        this.token = token;
        this.slot = slot;
    }

    /** Binds {@code address} (port 0 picks a free one) and serves {@code slot}'s admin calls. */
    public static AdminServer start(InetSocketAddress address, Secret token, SlotControl slot) throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException(
                    "admin API on " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
        }
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var server = new AdminServer(http, executor, token, slot);
        http.setExecutor(executor);
        http.createContext("/", server::handle);
        http.start();
        log.atInfo().addKeyValue("address", server.address()).log("admin API listening");
        return server;
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (BadRequest e) {
                answer = Answer.error(400, e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                log.atWarn().setCause(e).log("admin call failed");
                answer = Answer.error(500, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = Answer.error(503, "interrupted: the slot is stopping");
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("admin call failed");
                answer = Answer.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            send(exchange, answer);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
        if (!authorized(exchange)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"slotmail slot\"");
            return Answer.error(401, "a valid bearer token is required");
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String allowed = switch (path) {
            case AdminPaths.STATUS -> "GET";
            case AdminPaths.LISTENERS_STOP, AdminPaths.LISTENERS_START, AdminPaths.ROLE, AdminPaths.DRAIN -> "POST";
            default -> null;
        };
        if (allowed == null) return Answer.error(404, "no such call: " + path);
        if (!allowed.equals(method)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            return Answer.error(405, path + " takes " + allowed + ", not " + method);
        }
        return switch (path) {
            case AdminPaths.STATUS -> Answer.ok(slot.status());
            case AdminPaths.LISTENERS_STOP -> {
                var request = body(exchange, ListenerStop.class, new ListenerStop(null));
                Duration grace = millis("graceMillis", request.graceMillis(), DEFAULT_GRACE);
                log.atInfo().addKeyValue("grace", grace).log("admin: stopping client listeners");
                slot.stopListeners(grace);
                yield Answer.ok(slot.status());
            }
            case AdminPaths.LISTENERS_START -> {
                body(exchange, Empty.class, new Empty());
                log.atInfo().log("admin: starting client listeners");
                slot.startListeners();
                yield Answer.ok(slot.status());
            }
            case AdminPaths.ROLE -> {
                var request = body(exchange, RoleChange.class, null);
                if (request == null || request.role() == null)
                    throw new BadRequest("say which role: {\"role\": \"master\"} or {\"role\": \"replica\"}");
                slot.changeRole(request.role());
                yield Answer.ok(slot.status());
            }
            case AdminPaths.DRAIN -> {
                var request = body(exchange, DrainRequest.class, new DrainRequest(null));
                Duration timeout = millis("timeoutMillis", request.timeoutMillis(), DEFAULT_DRAIN_TIMEOUT);
                var result = slot.drain(timeout);
                // 504: the slot is fine, but its replicas did not confirm everything in time.
                yield new Answer(result.drained() ? 200 : 504, result);
            }
            default -> throw new IllegalStateException(path);
        };
    }

    /** An empty JSON object: the body of calls that take no arguments. */
    private record Empty() {}

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        return token.matches(header.substring(7).strip());
    }

    private static Duration millis(String name, Long value, Duration otherwise) {
        if (value == null) return otherwise;
        if (value < 0) throw new BadRequest(name + " must not be negative: " + value);
        if (value > LONGEST_WAIT.toMillis())
            throw new BadRequest(name + " must be at most " + LONGEST_WAIT.toMillis() + ": " + value);
        return Duration.ofMillis(value);
    }

    /** Reads the body as {@code type}; an empty body means {@code otherwise}. */
    private static <T> T body(HttpExchange exchange, Class<T> type, T otherwise) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) throw new BadRequest("request body larger than " + MAX_BODY + " bytes");
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) return otherwise;
        try {
            return JSON.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequest("unknown field \"" + e.getPropertyName() + "\"" + known(e));
        } catch (JsonProcessingException e) {
            throw new BadRequest("bad JSON body: " + reason(e));
        }
    }

    private static String known(UnrecognizedPropertyException e) {
        var names = e.getKnownPropertyIds();
        return names == null || names.isEmpty() ? " (this call takes no fields)" : " (known: " + names + ")";
    }

    /** The innermost one-line reason: for a bad role, the role's own message, not Jackson's wrapping. */
    private static String reason(JsonProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    private record Answer(int status, Object body) {
        static Answer ok(Object body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String reason) {
            return new Answer(status, new ApiError(reason == null ? "failed" : reason));
        }
    }

    /** A request the API cannot take: answered 400 with this one-line reason. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Stops accepting and closes at once; a call in progress is cut off. */
    @Override
    public void close() {
        http.stop(0);
        executor.close();
    }
}
