package org.slotmail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds slot data directories: {@code --data} may name a slot's own directory (it has
 * {@code meta/}) or a whole data directory (its slots are under {@code slots/}).
 */
final class SlotDirs {
    private SlotDirs() {}

    static List<Path> resolve(Path data) {
        if (Files.isDirectory(data.resolve("meta"))) return List.of(data);
        Path slots = data.resolve("slots");
        if (!Files.isDirectory(slots))
            throw new CliException("no slot data under " + data + " (expected " + slots + ")");
        try (Stream<Path> dirs = Files.list(slots)) {
            var found = dirs.filter(d -> Files.isDirectory(d.resolve("meta")))
                    .sorted()
                    .toList();
            if (found.isEmpty()) throw new CliException("no slot data under " + slots);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
