package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mailbox names and hierarchy as clients see them: LIST variants, renames, encodings. */
class FoldersTest {
    @TempDir
    Path dir;

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user("alice@example.com");
            server.deliver(alice, "Subject: a\r\n\r\na\r\n");
            server.deliver(alice, "Subject: b\r\n\r\nb\r\n");
            try (var c = server.login("alice@example.com")) {
                c.ok("RENAME INBOX \"Old mail\"");
                assertThat(c.ok("STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 0)");
                assertThat(c.ok("STATUS \"Old mail\" (MESSAGES)")).contains("* STATUS \"Old mail\" (MESSAGES 2)");
            }
        }
    }

    @Test
    void namesAreModifiedUtf7ForRev1AndUtf8ForRev2() throws Exception {
        try (var server = new TestServer(dir)) {
            server.user("alice@example.com");
            try (var c = server.login("alice@example.com")) {
                c.ok("CREATE \"Entw&APw-rfe/&ZeVnLIqe-\"");
                assertThat(c.ok("LIST \"\" \"Entw*\""))
                        .contains("* LIST (\\HasChildren) \"/\" Entw&APw-rfe")
                        .contains("* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe/&ZeVnLIqe-");
            }
            try (var c = server.login("alice@example.com")) {
                c.ok("ENABLE IMAP4rev2");
                assertThat(c.ok("LIST \"\" \"Entw*\"")).contains("* LIST (\\HasNoChildren) \"/\" \"Entwürfe/日本語\"");
                c.ok("CREATE \"Reçus\"");
                List<String> select = c.ok("SELECT \"Reçus\"");
                assertThat(select).contains("* LIST () \"/\" \"Reçus\"");
            }
        }
    }

    @Test
    void listExtendedSelectionAndReturnOptions() throws Exception {
        try (var server = new TestServer(dir)) {
            server.user("alice@example.com");
            try (var c = server.login("alice@example.com")) {
                c.ok("CREATE Projects/Alpha");
                c.ok("SUBSCRIBE Projects/Alpha");
                c.ok("UNSUBSCRIBE Trash");
                assertThat(c.ok("LIST (SPECIAL-USE) \"\" *"))
                        .contains("* LIST (\\HasNoChildren \\Trash) \"/\" Trash")
                        .noneMatch(l -> l.contains("Projects"));
                assertThat(c.ok("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"))
                        .contains("* LIST (\\HasChildren) \"/\" Projects (\"CHILDINFO\" (\"SUBSCRIBED\"))")
                        .noneMatch(l -> l.endsWith(" Trash"));
                assertThat(c.ok("LIST \"\" % RETURN (SUBSCRIBED STATUS (MESSAGES))"))
                        .contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" INBOX", "* STATUS INBOX (MESSAGES 0)");
                assertThat(c.ok("LIST \"\" \"\"")).contains("* LIST (\\Noselect) \"/\" \"\"");
                assertThat(c.ok("LSUB \"\" *")).contains("* LSUB () \"/\" Projects/Alpha");
                c.ok("CREATE Bin (USE (\\Trash))");
                assertThat(c.command("CREATE Odd (USE (\\Nope))").getLast()).contains("NO [USEATTR]");
                c.ok("DELETE Projects/Alpha");
                assertThat(c.ok("LIST (SUBSCRIBED) \"\" Projects/*"))
                        .contains("* LIST (\\NonExistent \\Subscribed) \"/\" Projects/Alpha");
            }
        }
    }
}
