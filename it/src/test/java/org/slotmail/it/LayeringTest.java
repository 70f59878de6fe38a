package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md §9 that the module graph alone cannot enforce. */
class LayeringTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        }
    }

    private static List<String> offenders(String needle, String allowedPath) throws IOException {
        return mainSources().stream()
                .filter(p -> !p.toString().contains(allowedPath))
                .filter(p -> {
                    try {
                        return Files.readString(p).contains(needle);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .map(p -> ROOT.relativize(p).toString())
                .toList();
    }

    @Test
    void onlyTheKvPackageTouchesRocksDb() throws IOException {
        assertThat(mainSources()).isNotEmpty();
        assertThat(offenders("org.rocksdb", "/store/src/main/java/org/slotmail/store/kv/"))
                .isEmpty();
    }

    @Test
    void onlyTheSearchPackageTouchesLucene() throws IOException {
        assertThat(offenders("org.apache.lucene", "/store/src/main/java/org/slotmail/store/search/"))
                .isEmpty();
    }

    @Test
    void protocolCodeNeverSeesTheStorageEngine() throws IOException {
        for (String module : List.of("net", "lmtp", "imap", "pop3")) {
            assertThat(offenders("org.slotmail.store", "/nothing-is-allowed/").stream()
                            .filter(p -> p.startsWith(module + "/")))
                    .as(module)
                    .isEmpty();
        }
    }

    @Test
    void aSlotNeverSeesTheClusterDatabase() throws IOException {
        // The cli wires the cluster's account directory into a slot; the slot itself only knows AccountDirectory.
        assertThat(offenders("org.slotmail.cluster", "/nothing-is-allowed/").stream()
                        .filter(p -> p.startsWith("slot/") || p.startsWith("slot-api/")))
                .isEmpty();
    }

    @Test
    void theSlotApiKnowsNothingOfASlotsInsides() throws IOException {
        var imports = mainSources().stream()
                .filter(p -> ROOT.relativize(p).startsWith("slot-api"))
                .flatMap(p -> {
                    try {
                        return Files.readAllLines(p).stream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .filter(line -> line.startsWith("import "))
                .toList();
        assertThat(imports)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .matches("import (java\\.|com\\.fasterxml\\.jackson\\.|org\\.slotmail\\.slot\\.api\\.).*"));
    }
}
