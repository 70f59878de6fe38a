package org.slotmail.bench.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many connections idling in IDLE (RFC 2177) on INBOX, and what they cost the server: its memory
 * with none of them, then with all of them, each after a settling pause (and, for a JVM, a full
 * GC). The connections come from several loopback source addresses in turn, since servers limit
 * connections per client address.
 */
final class IdleCrowd {
    private IdleCrowd() {}

    /** One held connection and the tag of its IDLE. */
    private record Idler(ImapConnection connection, String tag) {}

    /** What the crowd measured; per-connection figures divide by the connections actually held. */
    record Result(
            String target,
            int wanted,
            int held,
            long failures,
            String firstFailure,
            double setupSeconds,
            ServerMemory.Sample before,
            ServerMemory.Sample after) {
        String line() {
            double n = Math.max(1, held);
            return String.format(
                    Locale.ROOT,
                    "imap-idle target=%s connections=%d held=%d failures=%d setup_s=%.1f"
                            + " processes_before=%d processes_after=%d rss_before_kb=%d rss_after_kb=%d"
                            + " rss_per_conn_kb=%.1f pss_before_kb=%d pss_after_kb=%d pss_per_conn_kb=%.1f"
                            + " heap_before_kb=%d heap_after_kb=%d heap_per_conn_kb=%s"
                            + " heap_committed_before_kb=%d heap_committed_after_kb=%d%s",
                    target,
                    wanted,
                    held,
                    failures,
                    setupSeconds,
                    before.processes(),
                    after.processes(),
                    before.rssKb(),
                    after.rssKb(),
                    (after.rssKb() - before.rssKb()) / n,
                    before.pssKb(),
                    after.pssKb(),
                    (after.pssKb() - before.pssKb()) / n,
                    before.heapUsedKb(),
                    after.heapUsedKb(),
                    before.heapUsedKb() < 0
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f", (after.heapUsedKb() - before.heapUsedKb()) / n),
                    before.heapCommittedKb(),
                    after.heapCommittedKb(),
                    firstFailure == null ? "" : " failure=\"" + firstFailure.replace('"', '\'') + "\"");
        }
    }

    /**
     * Measures, opens {@code count} idling connections (at most {@code concurrency} logging in at
     * once), waits {@code settle}, measures again, then ends every IDLE and logs out.
     */
    static Result run(
            Target target,
            Account account,
            long serverPid,
            boolean jvm,
            int count,
            List<InetAddress> sources,
            int concurrency,
            Duration settle,
            Duration timeout)
            throws IOException, InterruptedException {
        Thread.sleep(settle.toMillis());
        ServerMemory.Sample before = ServerMemory.sample(serverPid, jvm);
        ConcurrentLinkedQueue<Idler> idlers = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Semaphore loggingIn = new Semaphore(concurrency);
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                InetAddress source = sources.get(i % sources.size());
                loggingIn.acquire();
                executor.submit(() -> {
                    try {
                        ImapConnection c = ImapConnection.login(target, source, account, timeout);
                        try {
                            c.select("INBOX", false);
                            idlers.add(new Idler(c, c.startIdle()));
                        } catch (IOException | RuntimeException e) {
                            c.close();
                            throw e;
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, TimedCommand.describe(e));
                    } finally {
                        loggingIn.release();
                    }
                });
            }
        }
        double setupSeconds = (System.nanoTime() - start) / 1e9;
        int held = idlers.size();
        Thread.sleep(settle.toMillis());
        ServerMemory.Sample after = ServerMemory.sample(serverPid, jvm);
        release(idlers, concurrency);
        return new Result(target.name(), count, held, failures.get(), firstFailure.get(), setupSeconds, before, after);
    }

    /** DONE and LOGOUT on every connection, so the server ends each session as it would normally. */
    private static void release(ConcurrentLinkedQueue<Idler> idlers, int concurrency) throws InterruptedException {
        Semaphore parallel = new Semaphore(concurrency * 4);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Idler idler : idlers) {
                parallel.acquire();
                executor.submit(() -> {
                    try {
                        idler.connection().endIdle(idler.tag());
                        idler.connection().logout();
                    } catch (IOException | RuntimeException e) {
                        // Some servers drop very long idlers; the measurement is already taken.
                    } finally {
                        try {
                            idler.connection().close();
                        } catch (IOException ignored) {
                            // closing a socket that is already gone
                        }
                        parallel.release();
                    }
                });
            }
        }
    }
}
