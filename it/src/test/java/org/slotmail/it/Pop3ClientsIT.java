package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String PASSWORD = "pw-secret-pop3-check";

    private final Path clients = moduleDir().resolve("clients");
    private SlotmailProcess up;
    private Path certificate;
    private int portBase;

    @BeforeAll
    void startServerAndInstallClients(@TempDir Path tmp) throws Exception {
        var install = runScript(List.of("bash", clients.resolve("install.sh").toString()), INSTALL_TIMEOUT);
        if (install.exitCode() != 0) {
            String why = "it/clients/install.sh failed (exit " + install.exitCode() + "):\n" + install.output();
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) fail(why);
            Assumptions.abort("cannot install the POP3 clients here, and CI is not set: " + why);
        }
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
        var result = runScript(args, SCRIPT_TIMEOUT);
        System.out.println("--- " + script + " ---\n" + result.output());
        assertThat(result.exitCode())
                .as("%s exited %d; its output:%n%s%nserver log: %s", script, result.exitCode(), result.output(), up.log)
                .isZero();
    }

    /** One script's exit code and its stdout and stderr, interleaved as it printed them. */
    private record ScriptResult(int exitCode, String output) {}

    /** Runs a script in {@code it/clients/} to its end, or kills it and its children at the timeout. */
    private ScriptResult runScript(List<String> command, Duration timeout) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command)
                .directory(clients.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        var output = new CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.complete("(output unreadable: " + e + ")");
            }
        });
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            var killed = new ArrayList<ProcessHandle>();
            process.descendants().forEach(killed::add);
            killed.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return new ScriptResult(-1, output.join() + "\n(killed after " + timeout + ")");
        }
        return new ScriptResult(process.exitValue(), output.join());
    }

    /** The {@code it} module's directory: Failsafe runs tests there and says so in {@code basedir}. */
    private static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return Files.isDirectory(dir.resolve("clients")) ? dir : dir.resolve("it");
    }
}
