package org.slotmail.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.UidSet;
import org.slotmail.slot.api.SlotRole;

/**
 * A replica slot serves no client: IMAP logins get {@code NO [UNAVAILABLE]}, POP3 logins {@code
 * -ERR [SYS/TEMP]}, LMTP recipients {@code 451 4.3.0}, so its mail changes only through sync. Its
 * role changes at runtime, and sessions from its time as master do not outlive the change.
 */
class ReplicaRefusesClientsTest {
    @TempDir
    Path dir;

    private Slot start(SlotRole role) {
        var config = SlotConfig.standalone(
                        "s2", dir, "127.0.0.1", Ports.ephemeral(), "slot.test", SlotConfig.DEFAULT_MAX_MESSAGE_SIZE)
                .withRole(role);
        return Slot.start(config, new OneAccountDirectory());
    }

    @Test
    void imapLoginOnAReplicaIsRefusedWithUnavailable() throws Exception {
        try (var slot = start(SlotRole.REPLICA);
                var imap = new TextClient(slot.imapAddress())) {
            assertThat(imap.line()).startsWith("* OK");
            assertThat(imap.command("a1 LOGIN " + OneAccountDirectory.USER + " " + OneAccountDirectory.PASSWORD))
                    .startsWith("a1 NO [UNAVAILABLE] ");
            String plain = java.util.Base64.getEncoder()
                    .encodeToString(("\0" + OneAccountDirectory.USER + "\0" + OneAccountDirectory.PASSWORD).getBytes());
            assertThat(imap.command("a2 AUTHENTICATE PLAIN " + plain)).startsWith("a2 NO [UNAVAILABLE] ");
        }
    }

    @Test
    void pop3LoginOnAReplicaIsRefusedWithSysTemp() throws Exception {
        try (var slot = start(SlotRole.REPLICA);
                var pop3 = new TextClient(slot.pop3Address())) {
            assertThat(pop3.line()).startsWith("+OK");
            assertThat(pop3.command("USER " + OneAccountDirectory.USER)).startsWith("+OK");
            assertThat(pop3.command("PASS " + OneAccountDirectory.PASSWORD)).startsWith("-ERR [SYS/TEMP] ");
        }
    }

    @Test
    void lmtpOnAReplicaDefersEachRecipientWith451AndStoresNothing() throws Exception {
        try (var slot = start(SlotRole.REPLICA)) {
            try (var lmtp = new TextClient(slot.lmtpAddress())) {
                assertThat(lmtp.line()).startsWith("220 ");
                assertThat(lmtp.command("LHLO mta.example.net")).startsWith("250 ");
                assertThat(lmtp.command("MAIL FROM:<bob@example.org>")).startsWith("250 ");
                assertThat(lmtp.command("RCPT TO:<" + OneAccountDirectory.USER + ">"))
                        .startsWith("451 4.3.0 ");
            }
            assertThat(slot.store().storedAccount(OneAccountDirectory.USER)).isEmpty();
        }
    }

    @Test
    void aReplicaPromotedToMasterServesClients() throws Exception {
        try (var slot = start(SlotRole.REPLICA)) {
            slot.changeRole(SlotRole.MASTER);
            try (var lmtp = new TextClient(slot.lmtpAddress())) {
                lmtp.line();
                lmtp.command("LHLO mta.example.net");
                lmtp.command("MAIL FROM:<bob@example.org>");
                assertThat(lmtp.command("RCPT TO:<" + OneAccountDirectory.USER + ">"))
                        .startsWith("250 ");
                assertThat(lmtp.command("DATA")).startsWith("354 ");
                lmtp.write("Subject: promoted\r\n\r\nhello\r\n.");
                assertThat(lmtp.line()).startsWith("250 ");
            }
            try (var imap = new TextClient(slot.imapAddress())) {
                imap.line();
                assertThat(imap.command("a1 LOGIN " + OneAccountDirectory.USER + " " + OneAccountDirectory.PASSWORD))
                        .startsWith("a1 OK");
            }
            var inbox = slot.store().account(OneAccountDirectory.ALICE).open(MailboxName.INBOX);
            assertThat(inbox.fetch(UidSet.ALL)).hasSize(1);
        }
    }

    @Test
    void becomingAReplicaClosesSessionsThatLoggedInOnTheMaster() throws Exception {
        try (var slot = start(SlotRole.MASTER);
                var imap = new TextClient(slot.imapAddress())) {
            imap.line();
            assertThat(imap.command("a1 LOGIN " + OneAccountDirectory.USER + " " + OneAccountDirectory.PASSWORD))
                    .startsWith("a1 OK");
            var imapPort = slot.imapAddress().getPort();
            slot.changeRole(SlotRole.REPLICA);
            assertThat(imap.lastLineBeforeClose()).contains("BYE");
            assertThat(slot.imapAddress().getPort())
                    .as("the listener is back on its port")
                    .isEqualTo(imapPort);
            try (var again = new TextClient(slot.imapAddress())) {
                again.line();
                assertThat(again.command("a1 LOGIN " + OneAccountDirectory.USER + " " + OneAccountDirectory.PASSWORD))
                        .startsWith("a1 NO [UNAVAILABLE] ");
            }
        }
    }
}
