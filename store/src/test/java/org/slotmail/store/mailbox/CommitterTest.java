package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.store.blob.SegmentStore;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.Frame;

class CommitterTest {
    @TempDir
    Path dir;

    private KvStore kv;
    private SegmentStore segments;
    private Committer committer;

    @BeforeEach
    void open() {
        kv = KvStore.open(dir.resolve("meta"));
        segments = new SegmentStore(dir.resolve("blobs"), 1 << 20);
        committer = new Committer(kv, segments, new Listeners(), List.of(), Clock.systemUTC(), guids -> {});
    }

    @AfterEach
    void close() {
        committer.close();
        segments.close();
        kv.close();
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    private String committed(String name) {
        byte[] value = kv.get(Table.META, key(name));
        return value == null ? null : new String(Frame.open(key(name), value), StandardCharsets.US_ASCII);
    }

    private String put(String name) {
        return committer.run(t -> {
            t.seal(Table.META, key(name), key("value of " + name));
            return name;
        });
    }

    @Test
    void everyConcurrentWriterGetsItsOwnAnswerAndItsWriteIsDurable() throws Exception {
        var futures = new ArrayList<Future<String>>();
        try (var virtual = Executors.newVirtualThreadPerTaskExecutor();
                var platform = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 400; i++) {
                String name = "k" + i;
                futures.add((i % 5 == 0 ? platform : virtual).submit(() -> put(name)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("k" + i);
            }
        }
        for (int i = 0; i < 400; i++) assertThat(committed("k" + i)).isEqualTo("value of k" + i);
    }

    @Test
    void writersThatArriveDuringACommitShareTheNextOne() throws Exception {
        var inFirst = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        Set<Txn> seen = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> committer.run(t -> {
                inFirst.countDown();
                await(releaseFirst);
                return "first";
            }));
            inFirst.await();
            var later = new ArrayList<Future<String>>();
            for (int i = 0; i < 8; i++) {
                String name = "later" + i;
                later.add(threads.submit(() -> committer.run(t -> {
                    seen.add(t);
                    t.seal(Table.META, key(name), key("v"));
                    return name;
                })));
            }
            // Give the later writers time to queue behind the blocked commit.
            while (queued() < 8) Thread.sleep(1);
            releaseFirst.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
            for (int i = 0; i < 8; i++)
                assertThat(later.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("later" + i);
        }
        assertThat(seen).hasSize(1);
    }

    private int queued() {
        return committer.waiting();
    }

    @Test
    void aFailingWriteIsRolledBackAloneAndItsWriterSeesWhy() throws Exception {
        var inFirst = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var blocker = threads.submit(() -> committer.run(t -> {
                inFirst.countDown();
                await(releaseFirst);
                return "blocker";
            }));
            inFirst.await();
            var good = threads.submit(() -> put("good"));
            var bad = threads.submit(() -> committer.run(t -> {
                t.seal(Table.META, key("bad"), key("never"));
                throw new MailboxException(MailboxException.Reason.LIMIT, "refused");
            }));
            while (queued() < 2) Thread.sleep(1);
            releaseFirst.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            assertThat(good.get(30, TimeUnit.SECONDS)).isEqualTo("good");
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(MailboxException.class);
        }
        assertThat(committed("good")).isEqualTo("value of good");
        assertThat(committed("bad")).isNull();
    }

    @Test
    void anInterruptedWriterStillLearnsTheOutcomeAndKeepsItsInterrupt() throws Exception {
        var inFirst = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        var answer = new AtomicReference<String>();
        var stillInterrupted = new AtomicBoolean();
        Thread leader = Thread.ofVirtual()
                .start(() -> committer.run(t -> {
                    inFirst.countDown();
                    await(releaseFirst);
                    return null;
                }));
        inFirst.await();
        Thread follower = Thread.ofVirtual().start(() -> {
            answer.set(put("follower"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        while (queued() < 1) Thread.sleep(1);
        follower.interrupt();
        releaseFirst.countDown();
        leader.join();
        follower.join();
        assertThat(answer.get()).isEqualTo("follower");
        assertThat(stillInterrupted).isTrue();
        assertThat(committed("follower")).isEqualTo("value of follower");
    }

    @Test
    void closingFinishesQueuedWritesAndRefusesLaterOnes() {
        put("before");
        committer.close();
        assertThat(committed("before")).isEqualTo("value of before");
        assertThatThrownBy(() -> put("after"))
                .isInstanceOf(MailboxException.class)
                .extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(MailboxException.Reason.UNAVAILABLE);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new AssertionError("test latch never released");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
