package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;

/**
 * Two sessions on one mailbox: what one does, the other hears about exactly where RFC 9051 §7.5.1
 * and §5.2 allow it, and never an EXPUNGE while answering FETCH, STORE or SEARCH.
 */
class TwoSessionsTest {
    @TempDir
    Path dir;

    TestServer server;
    Account alice;
    ImapTestClient a;
    ImapTestClient b;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        alice = server.user("alice@example.com");
        for (int i = 1; i <= 3; i++) server.deliver(alice, "Subject: m" + i + "\r\n\r\nbody " + i + "\r\n");
        a = server.login("alice@example.com");
        b = server.login("alice@example.com");
        a.ok("SELECT INBOX");
        b.ok("SELECT INBOX");
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        server.close();
    }

    @Test
    void flagChangeInOneSessionIsAnnouncedInTheOtherAtItsNextCommand() throws Exception {
        a.ok("STORE 2 +FLAGS (\\Flagged)");
        List<String> noop = b.ok("NOOP");
        assertThat(noop).anyMatch(l -> l.matches("\\* 2 FETCH \\(FLAGS \\(\\\\Flagged\\)\\)"));
        // Told once, not again.
        assertThat(b.ok("NOOP")).hasSize(1);
    }

    @Test
    void aFetchWithoutFlagsDoesNotSwallowAnotherSessionsFlagChange() throws Exception {
        a.ok("STORE 1 +FLAGS (\\Flagged)");
        List<String> fetch = b.ok("FETCH 1 (UID)");
        assertThat(fetch).contains("* 1 FETCH (UID 1)");
        assertThat(fetch).anyMatch(l -> l.matches("\\* 1 FETCH \\(FLAGS \\(\\\\Flagged\\)\\)"));
    }

    @Test
    void ownStoreIsNotEchoedAgainAtTheNextCommand() throws Exception {
        assertThat(a.ok("STORE 1 +FLAGS.SILENT (\\Seen)")).hasSize(1);
        assertThat(a.ok("NOOP")).hasSize(1);
    }

    @Test
    void expungeIsHeldBackDuringFetchStoreAndSearchAndAnnouncedAtNoop() throws Exception {
        a.ok("STORE 2 +FLAGS (\\Deleted)");
        a.ok("EXPUNGE");
        List<String> fetch = b.ok("FETCH 1:3 (FLAGS)");
        assertThat(fetch).noneMatch(l -> l.contains("EXPUNGE"));
        // Message 2 is gone from the store; the others still answer under their old numbers.
        assertThat(fetch).anyMatch(l -> l.startsWith("* 3 FETCH"));
        assertThat(b.ok("STORE 3 +FLAGS (\\Answered)")).noneMatch(l -> l.contains("EXPUNGE"));
        assertThat(b.ok("SEARCH ALL")).noneMatch(l -> l.contains("EXPUNGE"));
        List<String> noop = b.ok("NOOP");
        assertThat(noop).contains("* 2 EXPUNGE");
        assertThat(b.ok("FETCH 2 (UID)")).anyMatch(l -> l.equals("* 2 FETCH (UID 3)"));
    }

    @Test
    void uidCommandsMayCarryTheExpunge() throws Exception {
        a.ok("STORE 1 +FLAGS (\\Deleted)");
        a.ok("EXPUNGE");
        assertThat(b.ok("UID FETCH 1:* (FLAGS)")).contains("* 1 EXPUNGE");
    }

    @Test
    void appendIntoTheSelectedMailboxAnnouncesExistsToBothSessions() throws Exception {
        List<String> append = a.ok("APPEND INBOX {14+}\r\nSubject: x\r\n\r\n");
        assertThat(append).contains("* 4 EXISTS");
        assertThat(append.getLast()).matches("t\\d+ OK \\[APPENDUID \\d+ 4\\] .*");
        assertThat(b.ok("NOOP")).contains("* 4 EXISTS");
    }

    @Test
    void copyIntoTheOtherSessionsMailboxAnnouncesExists() throws Exception {
        a.ok("CREATE Other");
        a.ok("COPY 1:2 Other");
        b.ok("SELECT Other");
        a.ok("SELECT INBOX");
        List<String> copy = a.ok("UID COPY 3 Other");
        assertThat(copy.getLast()).matches("t\\d+ OK \\[COPYUID \\d+ 3 3\\] .*");
        assertThat(b.ok("NOOP")).contains("* 3 EXISTS");
    }

    @Test
    void nothingArrivesUnsolicitedWhileNoCommandIsInProgress() throws Exception {
        a.ok("STORE 1 +FLAGS (\\Seen)");
        a.ok("STORE 2 +FLAGS (\\Deleted)");
        a.ok("EXPUNGE");
        server.deliver(alice, "Subject: late\r\n\r\nlate\r\n");
        b.socket.setSoTimeout(300);
        assertThatThrownBy(b::readLine).isInstanceOf(java.net.SocketTimeoutException.class);
        b.socket.setSoTimeout(20_000);
        List<String> noop = b.ok("NOOP");
        assertThat(noop).containsSubsequence("* 2 EXPUNGE", "* 3 EXISTS");
        assertThat(noop).anyMatch(l -> l.startsWith("* 1 FETCH (FLAGS (\\Seen"));
    }

    @Test
    void moveElsewhereLooksLikeAnExpungeToTheOtherSession() throws Exception {
        a.ok("CREATE Archive2");
        List<String> move = a.ok("MOVE 1 Archive2");
        assertThat(move).anyMatch(l -> l.startsWith("* OK [COPYUID "));
        assertThat(move).contains("* 1 EXPUNGE");
        assertThat(b.ok("NOOP")).contains("* 1 EXPUNGE");
        assertThat(b.ok("STATUS Archive2 (MESSAGES)")).contains("* STATUS Archive2 (MESSAGES 1)");
    }

    @Test
    void qresyncSessionsGetVanishedInsteadOfExpunge() throws Exception {
        b.ok("ENABLE QRESYNC");
        b.ok("SELECT INBOX");
        a.ok("STORE 1:2 +FLAGS (\\Deleted)");
        a.ok("EXPUNGE");
        assertThat(b.ok("NOOP")).contains("* VANISHED 1:2");
    }

    @Test
    void selectWithQresyncReportsWhatVanishedAndChangedSince() throws Exception {
        List<String> select = b.ok("SELECT INBOX (CONDSTORE)");
        String modseq = select.stream()
                .filter(l -> l.startsWith("* OK [HIGHESTMODSEQ "))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\D+", " ")
                .trim();
        long uidValidity = Long.parseLong(select.stream()
                .filter(l -> l.startsWith("* OK [UIDVALIDITY "))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\D+", " ")
                .trim());
        a.ok("STORE 3 +FLAGS (\\Seen)");
        a.ok("STORE 1 +FLAGS (\\Deleted)");
        a.ok("EXPUNGE");
        b.ok("ENABLE QRESYNC");
        List<String> resync = b.ok("SELECT INBOX (QRESYNC (" + uidValidity + " " + modseq + " 1:3))");
        assertThat(resync).contains("* VANISHED (EARLIER) 1");
        assertThat(resync).anyMatch(l -> l.matches("\\* 2 FETCH \\(UID 3 FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)"));
    }

    @Test
    void changedSinceReturnsOnlyNewerFlagChanges() throws Exception {
        List<String> select = b.ok("SELECT INBOX (CONDSTORE)");
        long modseq = Long.parseLong(select.stream()
                .filter(l -> l.startsWith("* OK [HIGHESTMODSEQ "))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\D+", " ")
                .trim());
        a.ok("STORE 2 +FLAGS ($Label1)");
        List<String> fetch = b.ok("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq + ")");
        assertThat(fetch.stream().filter(l -> l.startsWith("* ")).toList())
                .singleElement()
                .asString()
                .contains("UID 2", "$Label1", "MODSEQ (");
    }

    @Test
    void idleWakesWhenAnotherSessionDelivers() throws Exception {
        b.send("i1 IDLE\r\n");
        assertThat(b.readLine()).startsWith("+ ");
        server.deliver(alice, "Subject: new\r\n\r\nnew\r\n");
        assertThat(b.readLine()).isEqualTo("* 4 EXISTS");
        b.send("DONE\r\n");
        assertThat(b.until("i1").getLast()).startsWith("i1 OK");
    }
}
