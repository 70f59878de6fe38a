package org.slotmail.imap.session;

/** How a command ends: the tagged OK, NO or BAD with an optional response code (RFC 9051 §7.1). */
public record Completion(String status, String code, String text) {
    /** The handler already sent its tagged response (STARTTLS, COMPRESS switch right after it). */
    public static final Completion SENT = new Completion("SENT", null, "");

    public boolean sent() {
        return this == SENT;
    }

    public static Completion ok(String text) {
        return new Completion("OK", null, text);
    }

    public static Completion ok(String code, String text) {
        return new Completion("OK", code, text);
    }

    public static Completion no(String code, String text) {
        return new Completion("NO", code, text);
    }

    public static Completion bad(String text) {
        return new Completion("BAD", null, text);
    }

    public static Completion bad(String code, String text) {
        return new Completion("BAD", code, text);
    }
}
