package org.slotmail.imap.syntax;

/**
 * A command that does not follow the IMAP grammar; the session answers it with a tagged BAD.
 * {@code fatal} means the input can no longer be followed (e.g. a non-synchronizing literal too
 * large to skip) and the connection must be closed after the BAD.
 */
public final class SyntaxException extends Exception {
    private final boolean fatal;
    private final String code;

    public SyntaxException(String message) {
        this(message, null, false);
    }

    public SyntaxException(String message, String code, boolean fatal) {
        super(message, null, false, false);
        this.code = code;
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }

    /** A response code for the BAD/NO (e.g. {@code TOOBIG}), or null. */
    public String code() {
        return code;
    }
}
