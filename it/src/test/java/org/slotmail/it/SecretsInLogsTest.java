package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner behind {@link SecretsInLogsCheck}: it must find a leak, or the check proves nothing. */
class SecretsInLogsTest {
    @TempDir
    Path root;

    private Path log(String relative, String... lines) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void findsAPasswordInAModulesTestLogWithItsLineNumber() throws IOException {
        Path file = log(
                "imap/target/test-logs/surefire.log",
                "10:00:00.000 INFO login ok login=\"alice@example.com\"",
                "10:00:00.001 DEBUG command Login[user=alice password=pw-secret-alice@example.com]");
        var findings = SecretsInLogs.scan(SecretsInLogs.logFiles(root));
        assertThat(findings).containsExactly(new SecretsInLogs.Finding(file, 2, SecretsInLogs.MARKER));
    }

    @Test
    void findsABase64EncodedPasswordAtEveryAlignment() throws IOException {
        for (String before : new String[] {"", "\0", "\0a", "\0alice@example.com\0"}) {
            String encoded =
                    Base64.getEncoder().encodeToString((before + "pw-secret-x").getBytes(StandardCharsets.UTF_8));
            Path file = log("lmtp/target/test-logs/" + before.length() + ".log", "DEBUG response " + encoded);
            assertThat(SecretsInLogs.scan(java.util.List.of(file))).as(encoded).hasSize(1);
        }
    }

    @Test
    void readsProcessLogsAndNestedFilesButOnlyLogsUnderTarget() throws IOException {
        log("it/target/process-logs/up-1.log", "slotmail ready");
        log("it/target/process-logs/deep/cli-2.log", "user add");
        log("imap/src/test/resources/not-scanned.log", "pw-secret-in-a-source-file");
        log("imap/target/test-classes/Something.txt", "pw-secret-not-a-log");
        assertThat(SecretsInLogs.logFiles(root))
                .extracting(p -> root.relativize(p).toString())
                .containsExactly("it/target/process-logs/deep/cli-2.log", "it/target/process-logs/up-1.log");
        assertThat(SecretsInLogs.scan(SecretsInLogs.logFiles(root))).isEmpty();
    }

    @Test
    void cleanLogsAndLinesThatMerelyMentionPasswordsPass() throws IOException {
        log(
                "cluster/target/test-logs/surefire.log",
                "INFO password rehashed with the current argon2 cost address=\"alice@example.com\"",
                "WARN login refused: too many failures login=\"pw-secre\"");
        assertThat(SecretsInLogs.scan(SecretsInLogs.logFiles(root))).isEmpty();
    }
}
