package org.slotmail.bench.replication;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The replication benchmark's Java side (bench/replication/run.sh runs it against {@code slotmail
 * up}): {@code lag} measures from a delivery's 250 on the master to its visibility on a replica at
 * fixed rates; {@code fill} and {@code catch-up} time a replica that was down while messages
 * arrived. Each prints one {@code key=value} line per result.
 *
 * <p>Exit status: 0 when every message was delivered and seen, 1 when not or when the run failed, 2
 * on a wrong command line.
 */
@Command(
        name = "replication-bench",
        mixinStandardHelpOptions = true,
        subcommands = {LagCommand.class, FillCommand.class, CatchUpCommand.class},
        description = "Replication lag and catch-up of a running Slotmail store.")
public final class ReplicationBench implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        var commandLine = new CommandLine(new ReplicationBench()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("replication-bench: " + describe(e));
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }
}
