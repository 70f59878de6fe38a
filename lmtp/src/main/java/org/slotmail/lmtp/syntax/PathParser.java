package org.slotmail.lmtp.syntax;

import java.util.Optional;

/**
 * Reads a Path (RFC 5321 §4.1.2) from a command's argument text: {@code <local@domain>}, the null
 * path {@code <>}, a quoted local part, a domain or address literal. A source route
 * ({@code <@relay:user@domain>}) is accepted and dropped, as RFC 5321 §3.3 and Appendix C ask.
 */
final class PathParser {
    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
    static final int MAX_PATH = 256;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private final String s;
    private final Command.Problem problem;
    private int i;

    PathParser(String s, int start, Command.Problem problem) {
        this.s = s;
        this.i = start;
        this.problem = problem;
    }

    /** Where parsing stopped: just after the closing '>'. */
    int position() {
        return i;
    }

    /** Reads one path; empty for {@code <>} when {@code nullAllowed}. */
    Optional<Address> path(boolean nullAllowed, boolean postmasterAllowed) throws SyntaxException {
        int start = i;
        expect('<', "address must be in angle brackets");
        if (peek() == '>') {
            i++;
            if (!nullAllowed) throw fail("empty address");
            return Optional.empty();
        }
        if (peek() == '@') sourceRoute();
        String local = peek() == '"' ? quotedString() : dotString();
        Address address;
        if (peek() == '>' && postmasterAllowed && local.equalsIgnoreCase("postmaster")) {
            address = new Address(local, "");
        } else {
            expect('@', "address needs a domain");
            address = new Address(local, peek() == '[' ? addressLiteral() : domain());
        }
        expect('>', "address must end with '>'");
        if (i - start > MAX_PATH) throw fail("address longer than " + MAX_PATH + " characters");
        return Optional.of(address);
    }

    private void sourceRoute() throws SyntaxException {
        do {
            expect('@', "bad source route");
            domain();
        } while (accept(','));
        expect(':', "bad source route");
    }

    private String dotString() throws SyntaxException {
        int start = i;
        do {
            int atom = i;
            while (i < s.length() && isAtext(s.charAt(i))) i++;
            if (i == atom) throw fail("bad local part");
        } while (accept('.'));
        return s.substring(start, i);
    }

    private String quotedString() throws SyntaxException {
        expect('"', "bad quoted local part");
        var sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw fail("unterminated quoted local part");
            char c = s.charAt(i++);
            if (c == '"') break;
            if (c == '\\') {
                if (i >= s.length() || !isPrintable(s.charAt(i))) throw fail("bad quoted pair");
                c = s.charAt(i++);
            } else if (!isPrintable(c)) {
                throw fail("bad character in quoted local part");
            }
            sb.append(c);
        }
        if (sb.isEmpty()) throw fail("empty local part");
        return sb.toString();
    }

    private String domain() throws SyntaxException {
        int start = i;
        do {
            int label = i;
            while (i < s.length() && (isLetDig(s.charAt(i)) || s.charAt(i) == '-')) i++;
            // sub-domain = Let-dig [Ldh-str]: no leading or trailing hyphen.
            if (i == label || s.charAt(label) == '-' || s.charAt(i - 1) == '-') throw fail("bad domain");
        } while (accept('.'));
        return s.substring(start, i);
    }

    private String addressLiteral() throws SyntaxException {
        int start = i;
        expect('[', "bad address literal");
        int content = i;
        // dcontent = %d33-90 / %d94-126 (RFC 5321 §4.1.3); the IP itself is not checked.
        while (i < s.length() && s.charAt(i) >= 33 && s.charAt(i) <= 126 && "[\\]".indexOf(s.charAt(i)) < 0) i++;
        if (i == content) throw fail("empty address literal");
        expect(']', "bad address literal");
        return s.substring(start, i);
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private boolean accept(char c) {
        if (peek() != c) return false;
        i++;
        return true;
    }

    private void expect(char c, String why) throws SyntaxException {
        if (!accept(c)) throw fail(why);
    }

    private SyntaxException fail(String why) {
        return new SyntaxException(problem, why);
    }

    /** Whether a local part can be written without quotes (RFC 5321 Dot-string). */
    static boolean isDotString(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) return false;
        for (int k = 0; k < local.length(); k++) {
            char c = local.charAt(k);
            if (c != '.' && !isAtext(c)) return false;
        }
        return true;
    }

    static boolean isAtext(char c) {
        return isLetDig(c) || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    private static boolean isLetDig(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isPrintable(char c) {
        return c >= 32 && c <= 126;
    }
}
