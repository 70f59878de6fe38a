package org.slotmail.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds test passwords in log files. Every password the test suite uses starts with {@link
 * #MARKER}, so one search finds them all: as written, and base64-encoded at each of the three
 * alignments (an AUTHENTICATE PLAIN or LOGIN response logged as sent would carry it that way).
 */
final class SecretsInLogs {
    /** The prefix of every password in the test suite. */
    static final String MARKER = "pw-secret-";

    /** One log line holding a password. */
    record Finding(Path file, long line, String form) {
        @Override
        public String toString() {
            return file + ":" + line + " holds a test password (" + form + ")";
        }
    }

    private SecretsInLogs() {}

    /** The marker and its base64 forms: the characters that depend on the marker's bytes only. */
    static List<String> needles() {
        var needles = new ArrayList<String>();
        needles.add(MARKER);
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        for (int offset = 0; offset < 3; offset++) {
            byte[] bytes = new byte[offset + marker.length];
            System.arraycopy(marker, 0, bytes, offset, marker.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            // 3-byte groups wholly inside the marker give 4 characters each that nothing else changes.
            int firstGroup = (offset + 2) / 3;
            int endGroup = (offset + marker.length) / 3;
            needles.add(encoded.substring(firstGroup * 4, endGroup * 4));
        }
        return needles;
    }

    /** Every {@code *.log} file under {@code MODULE/target/} for each module directory in {@code root}. */
    static List<Path> logFiles(Path root) throws IOException {
        var files = new ArrayList<Path>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path target = module.resolve("target");
                if (!Files.isDirectory(target)) continue;
                try (Stream<Path> walk = Files.walk(target)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".log"))
                            .sorted()
                            .forEach(files::add);
                }
            }
        }
        return files;
    }

    /** Every line of {@code files} that holds a needle. */
    static List<Finding> scan(List<Path> files) {
        List<String> needles = needles();
        var findings = new ArrayList<Finding>();
        for (Path file : files) {
            // ISO-8859-1 maps every byte, so a log with broken UTF-8 is still read whole.
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                long number = 0;
                for (String line; (line = reader.readLine()) != null; ) {
                    number++;
                    for (String needle : needles) {
                        if (line.contains(needle)) {
                            findings.add(new Finding(file, number, needle));
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return findings;
    }
}
