package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.UidSet;

/**
 * POP3 and another session (IMAP, or a second POP3 client) on one INBOX at once: the POP3 session
 * keeps its snapshot until QUIT; reading a message expunged meanwhile fails cleanly and the session
 * goes on.
 */
class ExpungedElsewhereTest {
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    /** What an IMAP client's STORE +FLAGS \Deleted and UID EXPUNGE do, through the same mailbox API. */
    private static void expungeAsImapWould(TestServer server, Account account, long uid) {
        var inbox = server.inbox(account);
        inbox.store(UidSet.of(uid), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)), OptionalLong.empty());
        assertThat(inbox.expunge(Optional.of(UidSet.of(uid)))).containsExactly(uid);
    }

    @Test
    void aMessageExpungedDuringTheSessionStaysListedAndFailsCleanlyOnRead() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            long gone = server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            long kept = server.deliver(alice, "Subject: 2\r\n\r\ntwo\r\n");
            try (var c = server.login(ALICE)) {
                String stat = c.ok("STAT");
                var listing = c.multi("LIST");
                var uidl = c.multi("UIDL");
                expungeAsImapWould(server, alice, gone);
                assertThat(c.ok("STAT")).isEqualTo(stat);
                assertThat(c.multi("LIST")).isEqualTo(listing);
                assertThat(c.multi("UIDL")).isEqualTo(uidl);
                assertThat(c.err("RETR 1")).isEqualTo("-ERR [SYS/PERM] message 1 was deleted by another session");
                assertThat(c.err("TOP 1 0")).isEqualTo("-ERR [SYS/PERM] message 1 was deleted by another session");
                assertThat(new String(c.message("RETR 2"))).isEqualTo("Subject: 2\r\n\r\ntwo\r\n");
                c.ok("DELE 1");
                assertThat(c.ok("QUIT")).contains("0 messages deleted");
            }
            assertThat(server.inbox(alice).uids()).containsExactly(kept);
        }
    }

    @Test
    void twoPop3SessionsDeletingTheSameMessageBothEndWell() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            long kept = server.deliver(alice, "Subject: 2\r\n\r\ntwo\r\n");
            try (var first = server.login(ALICE);
                    var second = server.login(ALICE)) {
                first.ok("DELE 1");
                second.ok("DELE 1");
                assertThat(first.ok("QUIT")).contains("1 messages deleted");
                assertThat(second.ok("QUIT")).contains("0 messages deleted");
            }
            assertThat(server.inbox(alice).uids()).containsExactly(kept);
        }
    }

    @Test
    void aMessageFlaggedDeletedOverImapButNotDeletedOverPop3Stays() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user(ALICE);
            long flagged = server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
            long popped = server.deliver(alice, "Subject: 2\r\n\r\ntwo\r\n");
            server.inbox(alice)
                    .store(
                            UidSet.of(flagged),
                            new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)),
                            OptionalLong.empty());
            try (var c = server.login(ALICE)) {
                c.ok("DELE 2");
                c.ok("QUIT");
            }
            // The POP3 UPDATE removes what POP3 marked, not what an IMAP client flagged.
            assertThat(server.inbox(alice).uids()).containsExactly(flagged).doesNotContain(popped);
        }
    }
}
