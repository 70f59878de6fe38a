package org.slotmail.imap.syntax;

import java.util.Optional;

/**
 * AUTHENTICATE mechanism [initial-response] (RFC 9051 §6.2.2, SASL-IR RFC 4959). The initial
 * response stays base64 text as sent ("=" for an empty one).
 */
public record Authenticate(String mechanism, Optional<String> initialResponse) implements Command {
    static Authenticate parse(ImapInput in) throws SyntaxException {
        in.sp();
        String mechanism = in.atom();
        Optional<String> initial = Optional.empty();
        if (in.accept(' ')) initial = Optional.of(in.word());
        return new Authenticate(mechanism, initial);
    }

    @Override
    public String toString() {
        return "Authenticate[" + mechanism + "]";
    }
}
