package org.slotmail.imap.syntax;

/** COMPRESS mechanism (RFC 4978). */
public record Compress(String mechanism) implements Command {
    static Compress parse(ImapInput in) throws SyntaxException {
        in.sp();
        return new Compress(in.atom());
    }
}
