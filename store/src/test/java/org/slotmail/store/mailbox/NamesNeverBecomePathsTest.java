package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.MailboxName;

/**
 * Account addresses and mailbox names are keys in RocksDB, never file names: whatever a user
 * calls a folder, the slot's directory holds only the files the engine names itself (meta/,
 * blobs/seg-N.dat, spool/), so no name can reach or create a path (DESIGN.md §3).
 */
class NamesNeverBecomePathsTest {
    @TempDir
    Path dir;

    @Test
    void noFileOrDirectoryIsNamedAfterAnAccountOrMailbox() throws IOException {
        List<String> names = List.of("etc", "passwd", "seg-00000099.dat", "meta", "x..y", "~root", "CURRENT");
        try (var f = new StoreFixture(dir, List.of())) {
            Account mallory = StoreFixture.account(7, "..@example.com");
            var mail = f.store.account(mallory);
            for (String n : names) {
                var box = mail.create(new MailboxName("Deep/" + n), Set.of());
                f.append(mail.open(box.name()), StoreFixture.message(n, "body of " + n), Flags.NONE);
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(file -> file.equals("Deep")
                            || file.contains("example.com")
                            || file.equals("etc")
                            || file.equals("passwd")
                            || file.equals("x..y")
                            || file.equals("~root")
                            || file.equals("seg-00000099.dat"));
        }
    }
}
