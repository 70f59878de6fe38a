package org.slotmail.net.login;

import java.time.Clock;

/**
 * The login defences one slot shares between its protocols: failed-login throttling and the limit on
 * sessions per account. The slot makes one and hands it to its IMAP and POP3 servers, so guessing
 * over POP3 counts against IMAP too and the session limit covers both.
 *
 * @param throttle failed-login delays and refusals
 * @param sessions logged-in sessions per account
 */
public record LoginGuard(LoginThrottle throttle, AccountSessions sessions) {
    /** Default throttling and session limit, on the system clock: for a server that shares nothing. */
    public static LoginGuard standalone() {
        return new LoginGuard(
                new LoginThrottle(LoginThrottleSettings.defaults(), Clock.systemUTC()),
                new AccountSessions(AccountSessions.DEFAULT_MAX_PER_ACCOUNT));
    }
}
