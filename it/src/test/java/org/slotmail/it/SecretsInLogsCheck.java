package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The last check of the build: no log line written by any module's tests, or by the slotmail
 * processes the integration tests ran, holds a test password. Its own Surefire execution runs it in
 * the verify phase of this module, which is last in the reactor (see it/pom.xml); the name does not
 * end in Test, so the ordinary test run leaves it alone.
 */
class SecretsInLogsCheck {
    @Test
    void noTestPasswordAppearsInAnyLog() throws IOException {
        Path root = Path.of(System.getProperty("slotmail.root", ".."))
                .toAbsolutePath()
                .normalize();
        List<Path> files = SecretsInLogs.logFiles(root);
        assertThat(files)
                .as("test logs under %s/*/target (logging set up by .mvn/logback-test.xml)", root)
                .anyMatch(f -> f.getFileName().toString().equals("surefire.log"));
        long written = 0;
        for (Path f : files) written += Files.size(f);
        assertThat(written)
                .as("bytes logged by the tests; none means logging is not reaching the files")
                .isPositive();
        List<SecretsInLogs.Finding> findings = SecretsInLogs.scan(files);
        assertThat(findings)
                .as("test passwords (marker %s) logged; a password must never reach a log", SecretsInLogs.MARKER)
                .isEmpty();
    }
}
