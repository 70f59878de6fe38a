package org.slotmail.lmtp.syntax;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ESMTP parameters after a MAIL or RCPT path (RFC 5321 §4.1.2 Mail-parameters):
 * space-separated {@code keyword[=value]}, keywords upper-cased, each at most once.
 */
final class Parameters {
    private final Map<String, Optional<String>> values = new LinkedHashMap<>();

    private Parameters() {}

    static Parameters parse(String text) throws SyntaxException {
        var parameters = new Parameters();
        for (String token : text.strip().split(" +")) {
            if (token.isEmpty()) continue;
            int eq = token.indexOf('=');
            String keyword = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(token.substring(eq + 1));
            if (!isKeyword(keyword) || value.filter(v -> !isValue(v)).isPresent()) {
                throw new SyntaxException(Command.Problem.SYNTAX, "bad parameter " + token);
            }
            if (parameters.values.putIfAbsent(keyword, value) != null) {
                throw new SyntaxException(Command.Problem.SYNTAX, "parameter " + keyword + " given twice");
            }
        }
        return parameters;
    }

    /** Removes and returns a parameter's value; a present parameter without a value is an error. */
    Optional<String> take(String keyword) throws SyntaxException {
        Optional<String> value = values.remove(keyword);
        if (value == null) return Optional.empty();
        if (value.isEmpty()) throw new SyntaxException(Command.Problem.SYNTAX, keyword + " needs a value");
        return value;
    }

    /** Fails on the first parameter no one took (RFC 5321 §4.1.1.11: 555). */
    void requireNoneLeft() throws SyntaxException {
        for (String keyword : values.keySet()) {
            throw new SyntaxException(Command.Problem.UNSUPPORTED_PARAMETER, "parameter " + keyword + " not supported");
        }
    }

    // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    private static boolean isKeyword(String k) {
        if (k.isEmpty() || k.charAt(0) == '-') return false;
        return k.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    }

    // esmtp-value = 1*(%d33-60 / %d62-126)
    private static boolean isValue(String v) {
        return !v.isEmpty() && v.chars().allMatch(c -> c >= 33 && c <= 126 && c != '=');
    }
}
