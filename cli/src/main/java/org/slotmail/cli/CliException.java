package org.slotmail.cli;

/** A failure reported to the operator as one line, with a non-zero exit code. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(String message) {
        this(message, 1);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
