package org.slotmail.lmtp.syntax;

/** Thrown inside the parsers and turned into a {@link Command.Invalid} at their edge. */
final class SyntaxException extends Exception {
    private final Command.Problem problem;

    SyntaxException(Command.Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    Command.Invalid toCommand() {
        return new Command.Invalid(problem, getMessage());
    }
}
