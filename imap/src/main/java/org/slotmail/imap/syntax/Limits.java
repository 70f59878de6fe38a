package org.slotmail.imap.syntax;

/**
 * Bounds on what one command may make the server read.
 *
 * @param maxLineLength bytes in one line of a command, between literals
 * @param maxLiteral bytes of one literal that is not a message (strings in SEARCH, LOGIN, ...)
 * @param maxCommandBytes bytes of one whole command, literals other than messages included
 * @param maxMessageSize bytes of one APPEND message literal
 * @param maxNesting parenthesis depth in SEARCH keys and lists
 */
public record Limits(int maxLineLength, int maxLiteral, int maxCommandBytes, long maxMessageSize, int maxNesting) {
    /** Dovecot-like defaults: 64 KiB lines, 1 MiB literals, 50 MB messages, 64 levels of nesting. */
    public static Limits defaults(long maxMessageSize) {
        return new Limits(64 * 1024, 1024 * 1024, 4 * 1024 * 1024, maxMessageSize, 64);
    }
}
