package org.slotmail.pop3.session;

/**
 * How a command ended: the status line still to be written, or that the handler already wrote its
 * whole response (multi-line responses, STLS's go-ahead).
 */
public sealed interface Status {
    /** {@code +OK text}. */
    record Ok(String text) implements Status {}

    /**
     * {@code -ERR [code] text}; {@code code} (RFC 3206) may be null. {@code badCommand} counts it
     * against the client: the command was unknown, malformed or not allowed in this state.
     */
    record Err(String code, String text, boolean badCommand) implements Status {}

    /** The handler wrote the response itself. */
    record Sent() implements Status {}

    Status SENT = new Sent();

    static Status ok(String text) {
        return new Ok(text);
    }

    static Status err(String code, String text) {
        return new Err(code, text, false);
    }

    /** A command the client should not have sent: unknown, malformed, or in the wrong state. */
    static Status bad(String text) {
        return new Err(null, text, true);
    }
}
