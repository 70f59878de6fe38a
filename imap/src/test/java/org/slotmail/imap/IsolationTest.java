package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One account never reaches another's mailboxes, whatever name it tries. */
class IsolationTest {
    @TempDir
    Path dir;

    @Test
    void anotherAccountsMailboxesCannotBeSelectedListedOrWrittenTo() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user("alice@example.com");
            server.user("bob@example.com");
            server.deliver(alice, "Subject: secret\r\n\r\nfor alice only\r\n");
            try (var a = server.login("alice@example.com")) {
                a.ok("CREATE Private");
            }
            try (var bob = server.login("bob@example.com")) {
                List<String> list = bob.ok("LIST \"\" *");
                assertThat(list).noneMatch(l -> l.contains("Private"));
                for (String name : List.of(
                        "Private",
                        "alice@example.com/INBOX",
                        "#user/alice/INBOX",
                        "user/alice",
                        "~alice/INBOX",
                        "../alice@example.com/INBOX")) {
                    String quoted = "\"" + name + "\"";
                    assertThat(bob.command("SELECT " + quoted).getLast())
                            .as(name)
                            .contains("NO");
                    assertThat(bob.command("EXAMINE " + quoted).getLast())
                            .as(name)
                            .contains("NO");
                    assertThat(bob.command("STATUS " + quoted + " (MESSAGES)").getLast())
                            .as(name)
                            .contains("NO");
                    assertThat(bob.command("APPEND " + quoted + " {5+}\r\nhello")
                                    .getLast())
                            .as(name)
                            .contains("NO");
                }
                List<String> select = bob.ok("SELECT INBOX");
                assertThat(select).contains("* 0 EXISTS");
                assertThat(bob.command("COPY 1 Private").getLast()).contains("BAD"); // no message 1 here
                assertThat(bob.ok("UID SEARCH ALL")).contains("* SEARCH");
                assertThat(bob.ok("UID FETCH 1:* (BODY.PEEK[])")).hasSize(1);
            }
            try (var a = server.login("alice@example.com")) {
                assertThat(a.ok("STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 1)");
                assertThat(a.ok("STATUS Private (MESSAGES)")).contains("* STATUS Private (MESSAGES 0)");
            }
        }
    }
}
