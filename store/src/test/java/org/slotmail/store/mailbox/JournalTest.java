package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.check.StoreCheck;

/** Small messages travel in their commit's journal; the segment is synced later. */
class JournalTest {
    @TempDir
    Path dir;

    @Test
    void journalIsTrimmedOnceTheSegmentIsSynced() {
        try (var f = new StoreFixture(dir)) {
            try (var staged = f.stage(StoreFixture.message("j", "journaled"))) {
                f.store.deliver(
                        staged, List.of(new Recipient(StoreFixture.account(1, "a@example.com"), Optional.empty())));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> JournalRecovery.pending(f.store.kv()).isEmpty());
        }
    }

    @Test
    void bytesLostFromAnUnsyncedSegmentAreRewrittenFromTheJournal() throws Exception {
        byte[] message = StoreFixture.message("lost", "these bytes never reached the disk");
        var alice = StoreFixture.account(1, "a@example.com");
        try (var f = new StoreFixture(dir)) {
            // Stop the trimmer so the journal still holds the message, as after a crash.
            f.store.stopJournalTrimmer();
            try (var staged = f.stage(message)) {
                f.store.deliver(staged, List.of(new Recipient(alice, Optional.empty())));
            }
            assertThat(JournalRecovery.pending(f.store.kv())).hasSize(1);
        }
        // What a power cut does to bytes that were written but never synced.
        try (Stream<Path> segments = Files.list(dir.resolve("blobs"))) {
            for (Path p : segments.toList()) {
                try (var ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.truncate(0);
                }
            }
        }
        try (var f = new StoreFixture(dir)) {
            assertThat(JournalRecovery.pending(f.store.kv())).isEmpty();
            var inbox = f.store.account(alice).open(MailboxName.INBOX);
            long uid = inbox.fetch(UidSet.ALL).getFirst().uid();
            try (var in = inbox.content(uid)) {
                assertThat(in.readAllBytes()).isEqualTo(message);
            }
        }
        assertThat(StoreCheck.run(dir, s -> {}).damages()).isEmpty();
    }
}
