package org.slotmail.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The third-party client check scripts in {@code it/clients/}: installing their clients and running them. */
final class ClientScripts {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    /** The {@code it/clients/} directory. */
    static final Path DIR = moduleDir().resolve("clients");

    /** One script's exit code and its stdout and stderr, interleaved as it printed them. */
    record Result(int exitCode, String output) {}

    private ClientScripts() {}

    /**
     * Runs {@code install.sh}. Outside CI a machine that cannot install the clients skips the calling
     * tests; under {@code CI} that is a failure.
     */
    static void install(String clients) throws IOException, InterruptedException {
        var install = run(List.of("bash", DIR.resolve("install.sh").toString()), INSTALL_TIMEOUT);
        if (install.exitCode() == 0) return;
        String why = "it/clients/install.sh failed (exit " + install.exitCode() + "):\n" + install.output();
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) fail(why);
        Assumptions.abort("cannot install the " + clients + " here, and CI is not set: " + why);
    }

    /** Runs a script in {@code it/clients/} to its end, or kills it and its children at the timeout. */
    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        // The environment is inherited: CI tells install.sh and the scripts how strict to be.
        var process = new ProcessBuilder(command)
                .directory(DIR.toFile())
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
            // Kill the whole tree (node/python children), not just the interpreter.
            var killed = new ArrayList<ProcessHandle>();
            process.descendants().forEach(killed::add);
            killed.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, output.join() + "\n(killed after " + timeout + ")");
        }
        return new Result(process.exitValue(), output.join());
    }

    /** The {@code it} module's directory: Failsafe runs tests there and says so in {@code basedir}. */
    private static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return Files.isDirectory(dir.resolve("clients")) ? dir : dir.resolve("it");
    }
}
