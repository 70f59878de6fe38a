package org.slotmail.bench.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average (Linux), for the report: other work on a small machine shows here. */
final class LoadAverage {
    private LoadAverage() {}

    static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
