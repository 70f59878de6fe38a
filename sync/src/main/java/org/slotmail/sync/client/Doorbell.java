package org.slotmail.sync.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the sync client when the store queued something: rung on the store's commit thread (so it
 * only sets a flag and signals), waited on by the client between batches. A ring while the client
 * is busy is kept, so nothing queued in the meantime waits for the next one.
 */
final class Doorbell {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private boolean pending;
    private boolean closed;

    void ring() {
        lock.lock();
        try {
            pending = true;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until rung (or a ring kept from before) or the time is up; true when rung. */
    boolean await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        lock.lock();
        try {
            while (!pending && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                rung.awaitNanos(left);
            }
            if (closed) return false;
            pending = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits the whole time, whatever rings, unless closed: a backoff must not be cut short by new work. */
    void sleep(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        lock.lock();
        try {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                rung.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait, now and later. */
    void close() {
        lock.lock();
        try {
            closed = true;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
