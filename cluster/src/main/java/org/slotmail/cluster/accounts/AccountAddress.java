package org.slotmail.cluster.accounts;

import java.util.Locale;
import java.util.Optional;

/**
 * The address that names an account, {@code local@domain}, lower-cased. The local part is an
 * RFC 5321 dot-atom without {@code '+'}, because {@code user+folder@domain} is how LMTP
 * delivers into a folder; the domain is an ASCII host name (IDNs in their {@code xn--} form).
 */
public record AccountAddress(String localPart, String domain) {
    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_LENGTH = 64;
    static final int MAX_DOMAIN_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;
    // RFC 5322 atext, minus '+'.
    private static final String LOCAL_SYMBOLS = "!#$%&'*/=?^_`{|}~-";

    public AccountAddress {
        // ASCII is checked before lower-casing, which maps some non-ASCII letters (the Kelvin
        // sign) onto ASCII ones and would let two spellings name one account.
        String problem = isAscii(localPart) ? null : "has a non-ASCII local part";
        if (problem == null && !isAscii(domain)) problem = "has a non-ASCII domain; use its xn-- form";
        if (problem == null) {
            localPart = localPart.toLowerCase(Locale.ROOT);
            domain = domain.toLowerCase(Locale.ROOT);
            problem = localPartProblem(localPart);
        }
        if (problem == null) problem = domainProblem(domain);
        if (problem == null && localPart.length() + 1 + domain.length() > MAX_LENGTH) {
            problem = "is longer than " + MAX_LENGTH + " characters";
        }
        if (problem != null) throw invalid(localPart + "@" + domain, problem);
    }

    /** Parses a full address, as an operator types it when adding an account. */
    public static AccountAddress parse(String text) {
        if (text.isEmpty()) throw new InvalidAddressException("address is empty");
        String problem = characterProblem(text);
        if (problem != null) throw invalid(text, problem);
        int at = text.indexOf('@');
        if (at < 0) throw invalid(text, "has no domain; write it as " + text + "@<domain>");
        if (text.indexOf('@', at + 1) >= 0) throw invalid(text, "has more than one '@'");
        if (at == 0) throw invalid(text, "has nothing before '@'");
        if (at == text.length() - 1) throw invalid(text, "has no domain after '@'");
        return new AccountAddress(text.substring(0, at), text.substring(at + 1));
    }

    /**
     * The address a login names: a bare local part gets the default domain. Empty for a login
     * that cannot name any account, so the caller treats it like an unknown user.
     */
    public static Optional<AccountAddress> forLogin(String login, String defaultDomain) {
        String full = login.indexOf('@') < 0 ? login + "@" + defaultDomain : login;
        try {
            return Optional.of(parse(full));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    /** Checks a default domain given in configuration; returns it lower-cased. */
    public static String checkDomain(String domain) {
        String problem = domain.isEmpty() ? "is empty" : characterProblem(domain);
        if (problem == null && !isAscii(domain)) problem = "is not ASCII; use its xn-- form";
        if (problem == null && domainProblem(domain.toLowerCase(Locale.ROOT)) != null) problem = "is not a host name";
        if (problem != null) throw new InvalidAddressException("domain '" + printable(domain) + "' " + problem);
        return domain.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }

    private static String characterProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) return "contains a space";
            if (Character.isISOControl(c)) return "contains a control character";
        }
        return null;
    }

    private static String localPartProblem(String local) {
        if (local.isEmpty()) return "has nothing before '@'";
        if (local.length() > MAX_LOCAL_LENGTH) {
            return "has a local part longer than " + MAX_LOCAL_LENGTH + " characters";
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '+') {
                return "contains '+', which account names cannot use (user+folder@domain delivers to a folder)";
            }
            boolean allowed =
                    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || LOCAL_SYMBOLS.indexOf(c) >= 0;
            if (!allowed) return "contains '" + printable(String.valueOf(c)) + "', which the local part cannot use";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "has a local part that starts or ends with '.' or contains '..'";
        }
        return null;
    }

    private static String domainProblem(String domain) {
        if (domain.isEmpty()) return "has no domain after '@'";
        if (domain.length() > MAX_DOMAIN_LENGTH) return "has a domain longer than " + MAX_DOMAIN_LENGTH + " characters";
        for (String label : domain.split("\\.", -1)) {
            if (!isHostLabel(label)) return "has an invalid domain '" + printable(domain) + "'";
        }
        return null;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c <= 0x7e);
    }

    // RFC 1123 host name label: letters, digits and inner hyphens.
    private static boolean isHostLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) return false;
        if (label.startsWith("-") || label.endsWith("-")) return false;
        return label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    }

    private static InvalidAddressException invalid(String text, String problem) {
        return new InvalidAddressException("address '" + printable(text) + "' " + problem);
    }

    // Keeps the message on one line whatever the operator typed.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.length() > 80 ? out.substring(0, 77) + "..." : out.toString();
    }
}
