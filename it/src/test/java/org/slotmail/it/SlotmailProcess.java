package org.slotmail.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code slotmail} process, started with the build's classpath, that can be stopped
 * cleanly or killed with SIGKILL. Its output goes to a log file under the build's process-log
 * directory (the data directory when run outside Maven).
 */
final class SlotmailProcess implements AutoCloseable {
    private final Process process;
    private final Thread logWriter;
    final Path log;

    private SlotmailProcess(Process process, Thread logWriter, Path log) {
        this.process = process;
        this.logWriter = logWriter;
        this.log = log;
    }

    static List<String> command(String... args) {
        var cmd = new ArrayList<String>();
        cmd.add(System.getProperty(
                "slotmail.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("slotmail.classpath"));
        cmd.add("org.slotmail.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a CLI command to completion; returns its exit code and output. */
    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command(args)).redirectErrorStream(false).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        var out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        var err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("slotmail " + String.join(" ", args) + " did not finish");
        }
        var result = new Result(p.exitValue(), out.join(), err.join());
        // Kept for the build's scan for test passwords in logs (SecretsInLogsCheck).
        Files.write(
                logDirectory(null).resolve("cli-" + System.nanoTime() + ".log"),
                (String.join(" ", args) + "\n" + result.err()).getBytes(StandardCharsets.UTF_8));
        return result;
    }

    /**
     * Where process output is kept: the build's process-log directory under target (set by
     * Failsafe), so the password scan at the end of the build reads it; else {@code fallback}, or
     * the temporary directory.
     */
    private static Path logDirectory(Path fallback) throws IOException {
        String configured = System.getProperty("slotmail.process.logs");
        Path dir = configured != null
                ? Path.of(configured)
                : fallback != null ? fallback : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createDirectories(dir);
    }

    record Result(int exitCode, byte[] stdout, byte[] stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Starts {@code slotmail up} and waits for its {@code slotmail ready} line. */
    static SlotmailProcess up(Path data, int portBase, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(data);
        Path log = logDirectory(data).resolve("up-" + System.nanoTime() + ".log");
        var process = new ProcessBuilder(
                        command("up", "--data", data.toString(), "--port-base", Integer.toString(portBase)))
                .redirectErrorStream(true)
                .start();
        var ready = new CompletableFuture<Void>();
        var logWriter = Thread.ofVirtual().start(() -> {
            try (var reader = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(log)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.equals("slotmail ready")) ready.complete(null);
                }
            } catch (IOException ignored) {
                // the process was killed
            }
            ready.completeExceptionally(
                    new IllegalStateException("slotmail up exited before it was ready; see " + log));
        });
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("slotmail up did not get ready: " + Files.readString(log), e);
        }
        return new SlotmailProcess(process, logWriter, log);
    }

    /**
     * SIGKILL to {@code up} and to every slot process it runs, children first, as a power cut would:
     * no shutdown hook runs, nothing is flushed.
     */
    void kill9() throws InterruptedException {
        var processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        for (ProcessHandle p : processes) p.destroyForcibly();
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + p.pid() + " did not die on SIGKILL", e);
            }
        }
    }

    /** The processes {@code up} runs (its slots), as the operating system sees them now. */
    List<ProcessHandle> children() {
        return process.children().toList();
    }

    /** SIGTERM and wait for a clean exit, of {@code up} and of the slot processes it runs. */
    int stop() throws InterruptedException {
        var children = process.descendants().toList();
        // Through the handle: Process.destroy() would also close the pipe and lose the last lines.
        process.toHandle().destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("slotmail up did not stop on SIGTERM");
        }
        // Everything it wrote, up to its last line, is in the log before anyone reads it.
        logWriter.join(java.time.Duration.ofSeconds(10));
        for (ProcessHandle child : children) {
            if (child.isAlive())
                throw new IllegalStateException("slot process " + child.pid() + " outlived slotmail up");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill9();
    }
}
