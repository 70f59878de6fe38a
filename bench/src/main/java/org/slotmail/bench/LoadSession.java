package org.slotmail.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's share of the load. Sessions take the next message number from a shared counter
 * rather than a fixed quota, so a session that the server happens to serve slowly does not leave
 * the others idle at the end and stretch the measured time.
 */
final class LoadSession implements Callable<SessionResult> {
    private static final int FAILURE_SAMPLES = 5;

    private final int id;
    private final LoadPlan plan;
    private final AtomicLong nextWarmup;
    private final AtomicLong nextMessage;
    private final CountDownLatch ready;
    private final CountDownLatch start;
    private final LatencyLog latencies = new LatencyLog();
    private final List<String> failureSamples = new ArrayList<>();
    private long failedReplies;
    private boolean pipelined;

    LoadSession(
            int id,
            LoadPlan plan,
            AtomicLong nextWarmup,
            AtomicLong nextMessage,
            CountDownLatch ready,
            CountDownLatch start) {
        this.id = id;
        this.plan = plan;
        this.nextWarmup = nextWarmup;
        this.nextMessage = nextMessage;
        this.ready = ready;
        this.start = start;
    }

    @Override
    public SessionResult call() {
        boolean counted = false;
        try (LmtpClient client =
                LmtpClient.connect(plan.server(), plan.sender(), plan.replyTimeout(), plan.pipelining())) {
            pipelined = client.pipelining();
            for (long n = nextWarmup.getAndIncrement(); n < plan.warmupCount(); n = nextWarmup.getAndIncrement()) {
                deliver(client, n);
            }
            counted = true;
            ready.countDown();
            start.await();
            for (long n = nextMessage.getAndIncrement(); n < plan.messageCount(); n = nextMessage.getAndIncrement()) {
                latencies.add(deliver(client, plan.warmupCount() + n));
            }
            return result(null);
        } catch (Exception e) {
            return result(e);
        } finally {
            if (!counted) {
                ready.countDown(); // a session that failed to start must not hold the others back
            }
        }
    }

    /** Sends message number {@code sequence} and returns how long until its last reply, in nanoseconds. */
    private long deliver(LmtpClient client, long sequence) throws Exception {
        byte[] message = plan.factory().create(sequence, plan.recipients());
        long began = System.nanoTime();
        Delivery delivery = client.deliver(message, plan.recipients());
        long took = System.nanoTime() - began;
        for (LmtpReply failure : delivery.failures()) {
            failedReplies++;
            if (failureSamples.size() < FAILURE_SAMPLES) {
                failureSamples.add("session " + id + ", message " + sequence + ": " + failure);
            }
        }
        return took;
    }

    private SessionResult result(Exception error) {
        return new SessionResult(
                latencies.toArray(), failedReplies, failureSamples, System.nanoTime(), pipelined, error);
    }
}
