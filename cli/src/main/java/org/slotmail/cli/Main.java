package org.slotmail.cli;

import org.slotmail.mailbox.MailboxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slotmail} command: subcommands for running and inspecting a cluster. */
@Command(
        name = "slotmail",
        mixinStandardHelpOptions = true,
        version = "slotmail 0.1.0",
        description = "A replicated mail storage cluster.",
        subcommands = {UpCommand.class, SlotCommand.class, UserCommand.class, MailCommand.class, CheckCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Builds the command line with one-line errors for bad arguments and for failures. */
    public static CommandLine commandLine() {
        return UsageErrors.install(new CommandLine(new Main())).setExecutionExceptionHandler((e, cmd, parsed) -> {
            String reason = switch (e) {
                case CliException c -> c.getMessage();
                case MailboxException m -> m.getMessage();
                default -> e.getClass().getSimpleName() + ": " + e.getMessage();
            };
            cmd.getErr()
                    .println("slotmail: "
                            + (reason == null
                                    ? "failed"
                                    : reason.lines().findFirst().orElse("")));
            cmd.getErr().flush();
            if (!(e instanceof CliException) && !(e instanceof MailboxException)) {
                org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            }
            return e instanceof CliException c ? c.exitCode() : 1;
        });
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
