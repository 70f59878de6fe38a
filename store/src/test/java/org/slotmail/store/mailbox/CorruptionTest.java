package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.check.Damage;
import org.slotmail.store.check.StoreCheck;

/** A flipped byte on disk is found by check, named, and never served as data. */
class CorruptionTest {
    @TempDir
    Path dir;

    @Test
    void flippedByteInASegmentIsNamedByCheckAndRefusedByRead() throws Exception {
        byte[] victim = StoreFixture.message("victim", "the bytes that will rot on disk");
        long uid;
        try (var f = new StoreFixture(dir)) {
            var inbox = f.store
                    .account(StoreFixture.account(1, "alice@example.com"))
                    .open(MailboxName.INBOX);
            f.append(inbox, StoreFixture.message("healthy", "fine"), Flags.NONE);
            uid = f.append(inbox, victim, Flags.NONE).uid();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir.resolve("blobs"))) {
            segment =
                    files.filter(p -> p.toString().endsWith(".dat")).findFirst().orElseThrow();
        }
        flipByteOf(segment, "will rot".getBytes(StandardCharsets.US_ASCII));

        List<Damage> damages = StoreCheck.run(dir, s -> {}).damages();
        assertThat(damages).singleElement().satisfies(d -> {
            assertThat(d.where()).isEqualTo("account alice@example.com, mailbox INBOX, UID " + uid);
            assertThat(d.what()).contains("SHA-256");
        });
        try (var f = new StoreFixture(dir)) {
            var inbox = f.store
                    .account(StoreFixture.account(1, "alice@example.com"))
                    .open(MailboxName.INBOX);
            assertThatThrownBy(() -> inbox.content(uid))
                    .isInstanceOf(MailboxException.class)
                    .extracting(e -> ((MailboxException) e).reason())
                    .isEqualTo(Reason.CORRUPTED);
            try (var in = inbox.content(uid - 1)) {
                assertThat(in.readAllBytes()).isEqualTo(StoreFixture.message("healthy", "fine"));
            }
        }
    }

    @Test
    void flippedByteInAMetadataFileIsNamedByCheckAndRefusedByRead() throws Exception {
        long uid;
        try (var f = new StoreFixture(dir)) {
            var inbox = f.store
                    .account(StoreFixture.account(1, "alice@example.com"))
                    .open(MailboxName.INBOX);
            f.append(inbox, StoreFixture.message("healthy", "fine"), Flags.NONE);
            uid = f.append(inbox, StoreFixture.message("victim", "x"), Flags.of(0, "$RottingKeyword"))
                    .uid();
            f.store.kv().flush(); // into table files, where bit rot happens
        }
        Path sst;
        try (Stream<Path> files = Files.list(dir.resolve("meta"))) {
            sst = files.filter(p -> p.toString().endsWith(".sst"))
                    .filter(p -> indexOf(read(p), "$RottingKeyword".getBytes(StandardCharsets.US_ASCII)) >= 0)
                    .findFirst()
                    .orElseThrow();
        }
        flipByteOf(sst, "RottingKeyword".getBytes(StandardCharsets.US_ASCII));

        List<Damage> damages = StoreCheck.run(dir, s -> {}).damages();
        assertThat(damages).anySatisfy(d -> assertThat(d.where()).isEqualTo("metadata files"));
        assertThat(damages).anySatisfy(d -> {
            assertThat(d.where()).isEqualTo("account alice@example.com, mailbox INBOX, UID " + uid);
            assertThat(d.what()).contains("damaged messages record");
        });
        try (var f = new StoreFixture(dir)) {
            var inbox = f.store
                    .account(StoreFixture.account(1, "alice@example.com"))
                    .open(MailboxName.INBOX);
            assertThatThrownBy(() -> inbox.fetch(UidSet.of(uid)))
                    .isInstanceOf(MailboxException.class)
                    .extracting(e -> ((MailboxException) e).reason())
                    .isEqualTo(Reason.CORRUPTED);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void flipByteOf(Path file, byte[] needle) throws IOException {
        int at = indexOf(Files.readAllBytes(file), needle);
        assertThat(at).as("marker in " + file).isNotNegative();
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 2);
            int b = raf.read();
            raf.seek(at + 2);
            raf.write(b ^ 0x20);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
