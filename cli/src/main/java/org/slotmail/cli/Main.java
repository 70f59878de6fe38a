package org.slotmail.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slotmail} command: subcommands for running and inspecting a cluster. */
@Command(
        name = "slotmail",
        mixinStandardHelpOptions = true,
        version = "slotmail 0.1.0",
        description = "A replicated mail storage cluster.",
        subcommands = {UserCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
