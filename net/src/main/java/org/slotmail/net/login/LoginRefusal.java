package org.slotmail.net.login;

import java.time.Duration;

/**
 * Why {@link LoginThrottle} turned a login away without checking its password, and for how long.
 *
 * @param reason what failed too often
 * @param retryAfter when the client may try again
 */
public record LoginRefusal(Reason reason, Duration retryAfter) {
    /** What failed too often. */
    public enum Reason {
        /** The client's address failed too often, whichever accounts it tried. */
        ADDRESS,
        /** The client's address failed too often for this account. */
        ACCOUNT_FROM_ADDRESS
    }

    /**
     * A sentence for the client, e.g. {@code too many failed logins from your address; try again in
     * 15 minutes}: IMAP sends it after {@code NO [UNAVAILABLE]}, POP3 after {@code -ERR [AUTH]}.
     */
    public String text() {
        String what = switch (reason) {
            case ADDRESS -> "too many failed logins from your address";
            case ACCOUNT_FROM_ADDRESS -> "too many failed logins for this account from your address";
        };
        long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
        return what + "; try again in " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
