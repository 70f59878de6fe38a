package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IMAP clients written by others — Python's imaplib, Node's imapflow and mbsync — run their
 * check scripts from {@code it/clients/} against one real {@code slotmail up}. Each script
 * delivers its own mail over LMTP and checks exact bytes, structure, flags, UIDPLUS, IDLE and
 * QRESYNC (mbsync: a two-way Maildir sync), and exits non-zero on the first failed check.
 *
 * <p>{@code install.sh} runs once first. Outside CI a machine that cannot install the clients
 * skips these tests; under {@code CI} a missing client is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImapClientsIT {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    /** A fresh machine refreshes Debian's package lists and fetches from npm first. */
    private static final String PASSWORD = "pw-secret-client-check";

    private final Path clients = ClientScripts.DIR;
    private SlotmailProcess up;
    private int portBase;

    @BeforeAll
    void startServerAndInstallClients(@TempDir Path tmp) throws Exception {
        ClientScripts.install("IMAP clients");
        Path data = tmp.resolve("data");
        for (String user : List.of("imaplib@example.com", "imapflow@example.com", "mbsync@example.com")) {
            var add = SlotmailProcess.run(
                    PASSWORD + "\n", "user", "add", user, "--password-stdin", "--data", data.toString());
            assertThat(add.exitCode()).as(add.err()).isZero();
        }
        portBase = 20000 + ThreadLocalRandom.current().nextInt(300) * 100;
        up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (up != null) up.close();
    }

    @Test
    void imaplibGetsBackExactlyWhatWasDelivered() throws Exception {
        passes("python3", "imaplib_check.py", "imaplib@example.com");
    }

    @Test
    void imapflowGetsBackExactlyWhatWasDelivered() throws Exception {
        passes("node", "imapflow_check.mjs", "imapflow@example.com");
    }

    @Test
    void mbsyncSyncsMaildirBothWays() throws Exception {
        passes("bash", "mbsync_check.sh", "mbsync@example.com");
    }

    private void passes(String interpreter, String script, String user) throws Exception {
        var args = List.of(
                interpreter,
                clients.resolve(script).toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(portBase + 143),
                "--user",
                user,
                "--password",
                PASSWORD,
                "--lmtp-port",
                Integer.toString(portBase + 24));
        var result = ClientScripts.run(args, SCRIPT_TIMEOUT);
        System.out.println("--- " + script + " ---\n" + result.output());
        assertThat(result.exitCode())
                .as("%s exited %d; its output:%n%s%nserver log: %s", script, result.exitCode(), result.output(), up.log)
                .isZero();
    }
}
