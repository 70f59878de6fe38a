package org.slotmail.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a command line picocli cannot parse in one line, with where to find the usage,
 * instead of the full help text: scripts read the first line, people run {@code --help}.
 */
final class UsageErrors implements IParameterExceptionHandler {
    /** Installs this handler on the top-level command line (picocli consults only that one). */
    static CommandLine install(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(new UsageErrors());
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String reason = e.getMessage() == null
                ? "invalid command line"
                : e.getMessage().lines().findFirst().orElse("");
        err.println("slotmail: " + reason + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
