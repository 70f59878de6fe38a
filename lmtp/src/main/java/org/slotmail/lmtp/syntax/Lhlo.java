package org.slotmail.lmtp.syntax;

/** LHLO (RFC 2033 §4.1) with the name the client gives itself, as sent. */
public record Lhlo(String clientName) implements Command {
    static Command parse(String args) {
        // RFC 2033 §4.1 requires a domain; any single token is taken, as MTAs send their own name.
        if (args.isEmpty() || args.indexOf(' ') >= 0) {
            return new Command.Invalid(Command.Problem.SYNTAX, "LHLO needs exactly one argument, the client's name");
        }
        return new Lhlo(args);
    }
}
