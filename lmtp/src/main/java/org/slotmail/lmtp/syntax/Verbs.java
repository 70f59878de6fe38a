package org.slotmail.lmtp.syntax;

/** Small pieces of grammar shared by MAIL and RCPT. */
final class Verbs {
    private Verbs() {}

    /**
     * Checks that {@code args} start with {@code keyword} ("FROM:", "TO:"), case-insensitively, and
     * returns where the path starts. Spaces after the colon are tolerated: RFC 5321 §4.1.2 has none,
     * but widely deployed clients send one.
     */
    static int afterKeyword(String args, String keyword) throws SyntaxException {
        if (!args.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new SyntaxException(Command.Problem.SYNTAX, "expected " + keyword);
        }
        int i = keyword.length();
        while (i < args.length() && args.charAt(i) == ' ') i++;
        return i;
    }

    /** The text after a path: empty, or parameters that must follow a space. */
    static String parameterText(String args, int end) throws SyntaxException {
        if (end == args.length()) return "";
        if (args.charAt(end) != ' ') throw new SyntaxException(Command.Problem.SYNTAX, "junk after address");
        return args.substring(end);
    }
}
