package org.slotmail.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} for the commands that read slot data: a data directory or one slot's own. */
final class DataOption {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "data directory, or one slot's directory (default ./data)")
    Path dir = Path.of("data");
}
