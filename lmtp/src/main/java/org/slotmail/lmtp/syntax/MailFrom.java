package org.slotmail.lmtp.syntax;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2): the reverse-path (empty for the null path {@code <>}) and the
 * SIZE (RFC 1870) and BODY (RFC 6152) parameters.
 */
public record MailFrom(Optional<Address> sender, OptionalLong size, Optional<BodyType> body) implements Command {
    static Command parse(String args) {
        try {
            int at = Verbs.afterKeyword(args, "FROM:");
            var paths = new PathParser(args, at, Problem.BAD_SENDER);
            Optional<Address> sender = paths.path(true, false);
            var parameters = Parameters.parse(Verbs.parameterText(args, paths.position()));
            OptionalLong size = size(parameters.take("SIZE"));
            Optional<BodyType> body = Optional.empty();
            Optional<String> bodyValue = parameters.take("BODY");
            if (bodyValue.isPresent()) {
                body = BodyType.of(bodyValue.get());
                if (body.isEmpty())
                    throw new SyntaxException(
                            Problem.UNSUPPORTED_PARAMETER, "BODY=" + bodyValue.get() + " not supported");
            }
            parameters.requireNoneLeft();
            return new MailFrom(sender, size, body);
        } catch (SyntaxException e) {
            return e.toCommand();
        }
    }

    private static OptionalLong size(Optional<String> value) throws SyntaxException {
        if (value.isEmpty()) return OptionalLong.empty();
        String digits = value.get();
        // size-value = 1*20DIGIT (RFC 1870 §3); a value past Long.MAX_VALUE is over any limit anyway.
        if (digits.length() > 20 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SyntaxException(Problem.SYNTAX, "SIZE must be a number");
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }
}
