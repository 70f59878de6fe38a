package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real POP3 clients written by others — Python's poplib and fetchmail — run their check scripts
 * from {@code it/clients/} against one real {@code slotmail up}, over POP3 with STLS and over POP3S,
 * trusting the demo certificate {@code up} made. Each script delivers its own mail over LMTP,
 * checks exact bytes, UIDL stability, TOP, DELE/RSET/QUIT (poplib also an IMAP expunge during a
 * POP3 session; fetchmail two keep-mode runs, the second downloading nothing), and exits non-zero
 * on the first failed check.
 *
 * <p>{@code install.sh} runs once first. Outside CI a machine that cannot install the clients
 * skips these tests; under {@code CI} a missing client is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pop3ClientsIT {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);
    private static final String PASSWORD = "pw-secret-pop3-check";

    private final Path clients = ClientScripts.DIR;
    private SlotmailProcess up;
    private Path certificate;
    private int portBase;

    @BeforeAll
    void startServerAndInstallClients(@TempDir Path tmp) throws Exception {
        ClientScripts.install("POP3 clients");
        Path data = tmp.resolve("data");
        for (String user : List.of("poplib@example.com", "fetchmail@example.com")) {
            var add = SlotmailProcess.run(
                    PASSWORD + "\n", "user", "add", user, "--password-stdin", "--data", data.toString());
            assertThat(add.exitCode()).as(add.err()).isZero();
        }
        portBase = 20000 + ThreadLocalRandom.current().nextInt(300) * 100;
        up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(60));
        certificate = data.resolve("slots").resolve("s1").resolve("tls").resolve("demo-cert.pem");
        assertThat(certificate).as("the demo certificate up prints").exists();
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (up != null) up.close();
    }

    @Test
    void poplibGetsBackExactlyWhatWasDeliveredOverStlsAndPop3s() throws Exception {
        passes("python3", "poplib_check.py", "poplib@example.com", "--imap-port", Integer.toString(portBase + 143));
    }

    @Test
    void fetchmailInKeepModeDownloadsNothingTheSecondTime() throws Exception {
        passes("bash", "fetchmail_check.sh", "fetchmail@example.com");
    }

    private void passes(String interpreter, String script, String user, String... extra) throws Exception {
        var args = new ArrayList<>(List.of(
                interpreter,
                clients.resolve(script).toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(portBase + 110),
                "--pop3s-port",
                Integer.toString(portBase + 995),
                "--cafile",
                certificate.toString(),
                "--user",
                user,
                "--password",
                PASSWORD,
                "--lmtp-port",
                Integer.toString(portBase + 24)));
        args.addAll(List.of(extra));
        var result = ClientScripts.run(args, SCRIPT_TIMEOUT);
        System.out.println("--- " + script + " ---\n" + result.output());
        assertThat(result.exitCode())
                .as("%s exited %d; its output:%n%s%nserver log: %s", script, result.exitCode(), result.output(), up.log)
                .isZero();
    }
}
