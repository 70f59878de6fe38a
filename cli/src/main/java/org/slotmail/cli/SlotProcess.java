package org.slotmail.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One slot run by {@code up} as a child process ({@code slotmail slot run --config FILE}), on the
 * same Java and classpath as {@code up} itself. Its announcements (address lines up to {@code slot
 * <id> ready}) are kept for {@code up} to print; everything it writes after that, and its log,
 * is passed on with its id in front. It stops when {@code up} stops it, and by itself when {@code
 * up} dies (its standard input closes).
 */
final class SlotProcess {
    private static final int KEPT_LINES = 20;

    final String id;
    private final Process process;
    private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
    private final Map<String, String> announced = new LinkedHashMap<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final List<Thread> readers = new ArrayList<>();

    private SlotProcess(String id, Process process) {
        this.id = id;
        this.process = process;
    }

    static SlotProcess start(String id, Path config) throws IOException {
        var command = new ArrayList<>(javaCommand());
        command.addAll(
                List.of("slot", "run", "--config", config.toAbsolutePath().toString(), "--exit-with-parent"));
        var slot = new SlotProcess(id, new ProcessBuilder(command).start());
        slot.readers.add(Thread.ofPlatform().daemon(true).name(id + "-out").start(() -> slot.readOut(System.out)));
        slot.readers.add(Thread.ofPlatform().daemon(true).name(id + "-err").start(() -> slot.readErr(System.err)));
        return slot;
    }

    /**
     * This JVM's launch, for a child: the same java binary, its options (the launcher's
     * {@code --enable-native-access} and heap settings) without any debugger agent, whose port the
     * child could not take, and the same classpath.
     */
    static List<String> javaCommand() {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-agentlib:jdwp")
                    || option.startsWith("-Xrunjdwp")
                    || option.startsWith("-javaagent")) continue;
            command.add(option);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        return command;
    }

    private void readOut(PrintStream out) {
        try (var reader = reader(process.getInputStream())) {
            for (String line; (line = reader.readLine()) != null; ) {
                keep(line);
                if (ready.isDone()) {
                    out.println(id + " | " + line);
                } else if (line.equals("slot " + id + " ready")) {
                    ready.complete(Map.copyOf(announced));
                } else if (line.length() > 10 && !line.substring(0, 10).isBlank()) {
                    announced.put(line.substring(0, 10).strip(), line.substring(10));
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit is reported by whoever waits for it
        }
        String why;
        synchronized (lastLines) {
            why = lastLines.isEmpty() ? "no output" : lastLines.peekLast();
        }
        ready.completeExceptionally(new CliException("slot " + id + " exited before it was ready: " + why));
    }

    private void readErr(PrintStream err) {
        try (var reader = reader(process.getErrorStream())) {
            for (String line; (line = reader.readLine()) != null; ) {
                keep(line);
                err.println(id + " | " + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void keep(String line) {
        synchronized (lastLines) {
            if (lastLines.size() == KEPT_LINES) lastLines.removeFirst();
            lastLines.addLast(line);
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * Waits for {@code slot <id> ready}; returns what the slot announced before it, by key ({@code
     * LMTP}, {@code IMAP}, ..., {@code SYNC}, {@code ADMIN}, {@code TLS}).
     */
    Map<String, String> awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (CliException) e.getCause();
        } catch (TimeoutException e) {
            throw new CliException("slot " + id + " was not ready after " + timeout.toSeconds() + " s");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM, then SIGKILL if it has not stopped within {@code patience}. */
    void stop(Duration patience) throws InterruptedException {
        if (!process.isAlive()) return;
        // Through the handle: Process.destroy() would also close the pipes, and the slot's last
        // lines ("slot s1 stopped") would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println(
                    "slotmail: slot " + id + " did not stop within " + patience.toSeconds() + " s; killing it");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        // Its last words ("slot s1 stopped") are passed on before up says it stopped.
        for (Thread reader : readers) reader.join(Duration.ofSeconds(2));
    }
}
