package org.slotmail.lmtp.syntax;

/**
 * One LMTP command as parsed from a line. Lines that are not a valid command are commands too
 * ({@link Unknown}, {@link Invalid}), so a session's switch over this type answers every line.
 */
public sealed interface Command
        permits Lhlo,
                MailFrom,
                RcptTo,
                Command.Data,
                Command.Rset,
                Command.Noop,
                Command.Quit,
                Command.Vrfy,
                Command.StartTls,
                Command.LegacyHello,
                Command.NotImplemented,
                Command.Unknown,
                Command.Invalid {

    /** DATA (RFC 5321 §4.1.1.4). */
    record Data() implements Command {}

    /** RSET (RFC 5321 §4.1.1.5). */
    record Rset() implements Command {}

    /** NOOP, whose argument is ignored (RFC 5321 §4.1.1.9). */
    record Noop() implements Command {}

    /** QUIT (RFC 5321 §4.1.1.10). */
    record Quit() implements Command {}

    /** VRFY (RFC 5321 §4.1.1.6); answered without revealing whether the user exists. */
    record Vrfy(String argument) implements Command {}

    /** STARTTLS (RFC 3207 §4): takes no arguments. */
    record StartTls() implements Command {}

    /** HELO or EHLO, which an LMTP server must not accept (RFC 2033 §4.1). */
    record LegacyHello(String verb) implements Command {}

    /** A known SMTP verb this server does not offer (EXPN, HELP, BDAT, ...). */
    record NotImplemented(String verb) implements Command {}

    /** A line whose verb is not a command at all. */
    record Unknown(String verb) implements Command {}

    /** A known command with arguments that break its grammar. */
    record Invalid(Problem problem, String detail) implements Command {}

    /** What is wrong with an {@link Invalid} command; each has its own reply code. */
    enum Problem {
        /** The command's grammar (RFC 5321 §4.1.1), or a character no command may hold. */
        SYNTAX,
        /** The reverse-path is not an address (RFC 3463 X.1.7). */
        BAD_SENDER,
        /** The forward-path is not an address (RFC 3463 X.1.3). */
        BAD_RECIPIENT,
        /** A MAIL or RCPT parameter this server does not offer (RFC 5321 §4.1.1.11). */
        UNSUPPORTED_PARAMETER
    }
}
