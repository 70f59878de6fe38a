package org.slotmail.bench.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a server process tree holds, read from {@code /proc}: resident set size summed over
 * the process and its descendants, proportional set size (shared pages divided among the
 * processes sharing them, so a hundred processes mapping one library count it once), and for a
 * JVM the heap in use after a full collection, via {@code jcmd}, summed over every JVM of the tree.
 */
final class ServerMemory {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total.*?used (\\d+)K");
    private static final Pattern HEAP_COMMITTED = Pattern.compile("heap\\s+total.*?committed (\\d+)K");

    private ServerMemory() {}

    /**
     * One reading; the heap figures are -1 when the server is not a JVM. The committed heap is
     * what the JVM holds from the operating system for its heap, used or not: part of the RSS.
     */
    record Sample(int processes, long rssKb, long pssKb, long heapUsedKb, long heapCommittedKb) {}

    /**
     * Reads the tree's memory; for a JVM, first asks it and every JVM below it for a full GC
     * ({@code jcmd <pid> GC.run}) so the heap figure is live data, not garbage not yet collected.
     */
    static Sample sample(long pid, boolean jvm) throws IOException, InterruptedException {
        long heap = -1;
        long committed = -1;
        if (jvm) {
            // Every JVM of the tree: `up` runs each slot as a process of its own.
            heap = 0;
            committed = 0;
            for (long p : javaProcesses(pid)) {
                jcmd(p, "GC.run");
                String info = jcmd(p, "GC.heap_info");
                heap += heapUsedKb(info);
                long c = heapCommittedKb(info);
                committed = committed < 0 || c < 0 ? -1 : committed + c;
            }
        }
        Sample sample = read(pid, heap, committed);
        if (jvm) {
            // G1 gives memory back concurrently after a full GC: read once a second until the RSS
            // has not fallen by more than 1 MB for three readings (at most 30 s).
            int steady = 0;
            for (int i = 0; i < 30 && steady < 3; i++) {
                Thread.sleep(1000);
                Sample again = read(pid, heap, committed);
                steady = sample.rssKb() - again.rssKb() < 1024 ? steady + 1 : 0;
                if (again.rssKb() < sample.rssKb()) sample = again;
            }
        }
        return sample;
    }

    /** The process and those of its descendants that run {@code java}. */
    private static List<Long> javaProcesses(long pid) {
        List<Long> out = new ArrayList<>();
        out.add(pid);
        ProcessHandle.of(pid)
                .ifPresent(p -> p.descendants()
                        .filter(d ->
                                d.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .forEach(d -> out.add(d.pid())));
        return out;
    }

    private static Sample read(long pid, long heap, long committed) throws IOException {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        long rss = 0;
        long pss = 0;
        int processes = 0;
        for (long p : pids) {
            try {
                rss += field(Files.readString(Path.of("/proc", Long.toString(p), "status")), "VmRSS:");
                pss += field(Files.readString(Path.of("/proc", Long.toString(p), "smaps_rollup")), "Pss:");
                processes++;
            } catch (NoSuchFileException e) {
                // The process ended between listing and reading: it holds nothing any more.
            }
        }
        return new Sample(processes, rss, pss, heap, committed);
    }

    /** The kB figure on the line starting with {@code key}, e.g. {@code VmRSS:   123 kB}; 0 if absent. */
    static long field(String procFile, String key) {
        for (String line : procFile.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /** The heap's "used" figure from {@code jcmd GC.heap_info} (G1, Parallel and Serial print it alike). */
    static long heapUsedKb(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        if (!m.find()) throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + heapInfo);
        return Long.parseLong(m.group(1));
    }

    /** The heap's "committed" figure; -1 where the collector does not print one. */
    static long heapCommittedKb(String heapInfo) {
        Matcher m = HEAP_COMMITTED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }
}
