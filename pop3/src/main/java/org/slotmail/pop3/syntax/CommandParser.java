package org.slotmail.pop3.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one command line (without its CRLF) into a {@link Command}; never throws. Stateless: which
 * commands are allowed in which state is the session's business.
 *
 * <p>RFC 1939 §3: a keyword, then arguments each after a single space, all printable ASCII. This
 * parser is lenient where clients are known to be sloppy (runs of spaces, trailing spaces, keywords
 * in any case) and strict where a mistake could be read two ways (control characters, NUL, junk
 * after a number).
 */
public final class CommandParser {
    /** More digits than any real message number or line count; it also keeps a {@code long} exact. */
    private static final int MAX_DIGITS = 18;

    private CommandParser() {}

    public static Command parse(byte[] line) {
        int space = indexOf(line, (byte) ' ');
        String verb = new String(line, 0, space < 0 ? line.length : space, StandardCharsets.ISO_8859_1);
        if (verb.isEmpty() || verb.length() > 40 || !verb.chars().allMatch(CommandParser::isLetter)) {
            return new Command.Unknown(printable(verb));
        }
        verb = verb.toUpperCase(Locale.ROOT);
        byte[] rest = space < 0 ? new byte[0] : Arrays.copyOfRange(line, space + 1, line.length);
        if (indexOf(rest, (byte) 0) >= 0) return new Command.Invalid(verb, "NUL character in command");
        // RFC 1939 §7: PASS has one argument, so spaces in it are the password's own.
        if (verb.equals("PASS")) {
            if (hasControl(rest)) return new Command.Invalid(verb, "control character in password");
            if (rest.length == 0) return new Command.Invalid(verb, "PASS needs a password");
            return new Command.Pass(new String(rest, StandardCharsets.UTF_8));
        }
        if (hasControl(rest)) return new Command.Invalid(verb, "control character in command");
        // A user name may be an internationalized address (RFC 6856 leaves it UTF-8); nothing else
        // is anything but ASCII.
        if (!verb.equals("USER") && hasNonAscii(rest)) return new Command.Invalid(verb, "non-ASCII character");
        List<String> args = arguments(new String(rest, StandardCharsets.UTF_8));
        try {
            return switch (verb) {
                case "USER" -> {
                    exactly(args, 1, "USER needs a user name");
                    yield new Command.User(args.getFirst());
                }
                case "AUTH" -> auth(args);
                case "CAPA" -> none(args, new Command.Capa());
                case "STLS" -> none(args, new Command.Stls());
                case "STAT" -> none(args, new Command.Stat());
                case "LIST" -> new Command.ListMessages(optionalNumber(args));
                case "UIDL" -> new Command.Uidl(optionalNumber(args));
                case "TOP" -> {
                    exactly(args, 2, "TOP needs a message number and a line count");
                    yield new Command.Top(number(args.get(0)), number(args.get(1)));
                }
                case "RETR" -> new Command.Retr(oneNumber(args));
                case "DELE" -> new Command.Dele(oneNumber(args));
                case "RSET" -> none(args, new Command.Rset());
                case "NOOP" -> none(args, new Command.Noop());
                case "QUIT" -> none(args, new Command.Quit());
                case "APOP", "LAST", "RPOP" -> new Command.NotSupported(verb);
                default -> new Command.Unknown(printable(verb));
            };
        } catch (Malformed e) {
            return new Command.Invalid(verb, e.getMessage());
        }
    }

    /** Thrown inside the parser and turned into {@link Command.Invalid} at its edge. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static Command auth(List<String> args) throws Malformed {
        if (args.isEmpty()) return new Command.Auth(Optional.empty(), Optional.empty());
        if (args.size() > 2) throw new Malformed("AUTH takes a mechanism and at most one initial response");
        String mechanism = args.getFirst();
        // RFC 4422 §3.1: mechanism names are 1 to 20 of A-Z, 0-9, '-' and '_'.
        if (!mechanism.matches("[A-Za-z0-9_-]{1,20}")) throw new Malformed("invalid SASL mechanism name");
        Optional<String> initial = args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty();
        return new Command.Auth(Optional.of(mechanism.toUpperCase(Locale.ROOT)), initial);
    }

    private static Command none(List<String> args, Command command) throws Malformed {
        if (!args.isEmpty()) throw new Malformed("no arguments allowed");
        return command;
    }

    private static void exactly(List<String> args, int n, String why) throws Malformed {
        if (args.size() != n) throw new Malformed(why);
    }

    private static OptionalLong optionalNumber(List<String> args) throws Malformed {
        if (args.isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(oneNumber(args));
    }

    private static long oneNumber(List<String> args) throws Malformed {
        exactly(args, 1, "one message number expected");
        return number(args.getFirst());
    }

    private static long number(String text) throws Malformed {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Malformed("not a number: " + printable(text));
        }
        if (text.length() > MAX_DIGITS) throw new Malformed("number too large");
        return Long.parseLong(text);
    }

    /** Arguments split at runs of spaces; leading and trailing spaces are dropped. */
    private static List<String> arguments(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split(" +"));
    }

    private static boolean isLetter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean hasControl(byte[] bytes) {
        for (byte b : bytes) if ((b >= 0 && b < 0x20) || b == 0x7f) return true;
        return false;
    }

    private static boolean hasNonAscii(byte[] bytes) {
        for (byte b : bytes) if (b < 0) return true;
        return false;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }

    /** Text as replies and logs may show it: printable ASCII only, at most 20 characters. */
    static String printable(String text) {
        var sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 20; i++) {
            char c = text.charAt(i);
            sb.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
