package org.slotmail.lmtp.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns one command line (without its CRLF) into a {@link Command}. */
public final class CommandParser {
    private CommandParser() {}

    public static Command parse(byte[] line) {
        for (byte b : line) {
            if (b == 0) return new Command.Invalid(Command.Problem.SYNTAX, "NUL character in command");
        }
        String text = stripTrailingSpaces(new String(line, StandardCharsets.ISO_8859_1));
        int space = text.indexOf(' ');
        String verb = space < 0 ? text : text.substring(0, space);
        if (verb.isEmpty() || !verb.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            return new Command.Unknown(printable(verb));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Commands are US-ASCII: SMTPUTF8 (RFC 6531) is not offered.
            if (c < 0x20 || c > 0x7e) {
                return new Command.Invalid(Command.Problem.SYNTAX, "control or non-ASCII character in command");
            }
        }
        String args = space < 0 ? "" : text.substring(space + 1).stripLeading();
        verb = verb.toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "LHLO" -> Lhlo.parse(args);
            case "MAIL" -> MailFrom.parse(args);
            case "RCPT" -> RcptTo.parse(args);
            case "DATA" -> withoutArguments(args, new Command.Data());
            case "RSET" -> withoutArguments(args, new Command.Rset());
            case "QUIT" -> withoutArguments(args, new Command.Quit());
            case "NOOP" -> new Command.Noop();
            case "VRFY" -> args.isEmpty() ? invalid("VRFY needs an argument") : new Command.Vrfy(args);
            // RFC 3207 §4: "STARTTLS" CRLF, and 501 for any parameter.
            case "STARTTLS" -> withoutArguments(args, new Command.StartTls());
            case "HELO", "EHLO" -> new Command.LegacyHello(verb);
            case "EXPN", "HELP", "TURN", "ETRN", "BDAT", "AUTH", "SEND", "SOML", "SAML" ->
                new Command.NotImplemented(verb);
            default -> new Command.Unknown(verb);
        };
    }

    private static Command withoutArguments(String args, Command command) {
        return args.isEmpty() ? command : invalid("no arguments allowed");
    }

    private static Command invalid(String why) {
        return new Command.Invalid(Command.Problem.SYNTAX, why);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return s.substring(0, end);
    }

    /** A verb as logs may show it: printable ASCII only, at most 20 characters. */
    private static String printable(String verb) {
        var sb = new StringBuilder();
        for (int i = 0; i < verb.length() && sb.length() < 20; i++) {
            char c = verb.charAt(i);
            sb.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
