package org.slotmail.net.login;

/**
 * How a login went, as {@link LoginThrottle#attempt} decided it.
 *
 * @param <T> what a successful check yields, e.g. the account
 */
public sealed interface LoginAttempt<T> {
    /** The credentials were right; the failures of this account from this address are forgotten. */
    record Accepted<T>(T value) implements LoginAttempt<T> {}

    /**
     * The credentials were wrong (or the account unknown: the two must look alike); the failure was
     * counted. Protocols answer IMAP {@code NO [AUTHENTICATIONFAILED]}, POP3 {@code -ERR [AUTH]}.
     */
    record Rejected<T>() implements LoginAttempt<T> {}

    /** Turned away without checking the password; say {@link LoginRefusal#text()} to the client. */
    record Refused<T>(LoginRefusal refusal) implements LoginAttempt<T> {}
}
