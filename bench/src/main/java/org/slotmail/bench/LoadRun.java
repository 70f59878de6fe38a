package org.slotmail.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Runs a plan: every session connects and warms up, then all start together and the clock runs
 * from that moment until the last session's last reply. Connecting, LHLO and warm-up are outside
 * the measurement; a server's connection setup cost is not what this benchmark is about.
 */
final class LoadRun {
    private static final int MAX_REPORTED_FAILURES = 10;

    private LoadRun() {}

    static LoadResult run(LoadPlan plan, String label, PrintStream errors) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(plan.sessions());
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong nextWarmup = new AtomicLong();
        AtomicLong nextMessage = new AtomicLong();
        List<SessionResult> results = new ArrayList<>();
        long started;
        long cpuAtStart;
        // Virtual threads: blocking socket code reads straight, and cost nothing next to the I/O.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SessionResult>> futures = new ArrayList<>();
            for (int id = 1; id <= plan.sessions(); id++) {
                futures.add(threads.submit(new LoadSession(id, plan, nextWarmup, nextMessage, ready, start)));
            }
            ready.await();
            if (plan.announceMeasuring()) errors.println("measuring");
            cpuAtStart = processCpuNanos();
            started = System.nanoTime();
            start.countDown();
            for (Future<SessionResult> future : futures) {
                results.add(join(future));
            }
        }
        long clientCpu = processCpuNanos() - cpuAtStart;
        long finished =
                results.stream().mapToLong(SessionResult::finishedNanos).max().orElse(started);
        long failed = 0;
        int sessionErrors = 0;
        Map<String, Integer> errorCounts = new LinkedHashMap<>();
        List<String> samples = new ArrayList<>();
        for (SessionResult result : results) {
            failed += result.failedReplies();
            samples.addAll(result.failureSamples());
            if (result.error() != null) {
                sessionErrors++;
                errorCounts.merge(describe(result.error()), 1, Integer::sum);
            }
        }
        // Enough to see what went wrong without one line per failed message.
        samples.stream().limit(MAX_REPORTED_FAILURES).forEach(s -> errors.println("lmtp-load: failure: " + s));
        errorCounts.forEach(
                (error, count) -> errors.println("lmtp-load: " + count + " session(s) ended early: " + error));
        long[] latencies = results.stream()
                .flatMapToLong(r -> LongStream.of(r.latenciesNanos()))
                .toArray();
        boolean pipelined = !results.isEmpty() && results.stream().allMatch(SessionResult::pipelined);
        return LoadResult.of(
                plan, label, Math.max(0, finished - started), latencies, failed, sessionErrors, pipelined, clientCpu);
    }

    /** CPU time this whole process has used so far, every thread, user and system. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static SessionResult join(Future<SessionResult> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // LoadSession catches everything it can; an Error here is a bug in the generator.
            throw new IllegalStateException("load session crashed", e.getCause());
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
