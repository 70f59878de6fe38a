package org.slotmail.lmtp.syntax;

/** RCPT TO (RFC 5321 §4.1.1.3) with its forward-path; no RCPT parameters are offered. */
public record RcptTo(Address recipient) implements Command {
    static Command parse(String args) {
        try {
            int at = Verbs.afterKeyword(args, "TO:");
            var paths = new PathParser(args, at, Problem.BAD_RECIPIENT);
            Address recipient = paths.path(false, true).orElseThrow();
            Parameters.parse(Verbs.parameterText(args, paths.position())).requireNoneLeft();
            return new RcptTo(recipient);
        } catch (SyntaxException e) {
            return e.toCommand();
        }
    }
}
