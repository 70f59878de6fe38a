package org.slotmail.bench.imap;

import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mixed load: N clients, each looping over a whole short session for a fixed time: connect,
 * LOGIN, SELECT INBOX, UID FETCH of one random message's BODY[], UID STORE +FLAGS (\Seen),
 * LOGOUT. One loop is one operation; its latency runs from connect to LOGOUT's tagged OK.
 * Clients start no loop after the time is up and the clock stops when the last loop ends.
 */
final class MixedLoad {
    private static final Duration FAILURE_PAUSE = Duration.ofMillis(100);

    private MixedLoad() {}

    /** What one run of the mixed load measured. */
    record Result(
            String target,
            int number,
            boolean warmup,
            int clients,
            double seconds,
            long loops,
            long failures,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            String firstFailure) {
        double opsPerSecond() {
            return loops / seconds;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "imap-mixed target=%s trial=%d warmup=%s clients=%d seconds=%.2f loops=%d ops_per_s=%.1f"
                            + " p50_ms=%.2f p99_ms=%.2f max_ms=%.2f failures=%d%s",
                    target,
                    number,
                    warmup ? "yes" : "no",
                    clients,
                    seconds,
                    loops,
                    opsPerSecond(),
                    p50Millis,
                    p99Millis,
                    maxMillis,
                    failures,
                    firstFailure == null ? "" : " failure=\"" + firstFailure.replace('"', '\'') + "\"");
        }
    }

    static Result run(
            Target target, Account account, int clients, Duration length, Duration timeout, int number, boolean warmup)
            throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Latencies> perClient = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) perClient.add(new Latencies());
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Latencies latencies : perClient) {
                executor.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long begin = System.nanoTime();
                        try {
                            loop(target, account, timeout);
                            latencies.add(System.nanoTime() - begin);
                        } catch (IOException | RuntimeException e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, TimedCommand.describe(e));
                            // A client backs off after an error; without this a dead server makes the
                            // generator spin through millions of refused connections.
                            sleepQuietly(FAILURE_PAUSE);
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Latencies all = Latencies.merge(perClient);
        return new Result(
                target.name(),
                number,
                warmup,
                clients,
                seconds,
                all.count(),
                failures.get(),
                all.percentileMillis(50),
                all.percentileMillis(99),
                all.percentileMillis(100),
                firstFailure.get());
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void loop(Target target, Account account, Duration timeout) throws IOException {
        try (ImapConnection c = ImapConnection.login(target, null, account, timeout)) {
            ImapConnection.MailboxState state = c.select("INBOX", false);
            if (state.uidNext() < 2) throw new ProtocolException("INBOX is empty");
            // UIDs run 1..UIDNEXT-1 without gaps: both servers got every message by delivery, none expunged.
            long uid = ThreadLocalRandom.current().nextLong(1, state.uidNext());
            long[] literal = {0};
            c.run("UID FETCH " + uid + " BODY[]", r -> literal[0] += r.isFetch() ? r.literalBytes() : 0)
                    .orThrow("UID FETCH BODY[]");
            if (literal[0] == 0) throw new ProtocolException("UID FETCH " + uid + " BODY[] returned no message");
            c.run("UID STORE " + uid + " +FLAGS (\\Seen)", r -> {}).orThrow("UID STORE");
            c.logout();
        }
    }
}
