package org.slotmail.net.login;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard {@link LoginThrottle} pushes back on failed logins.
 *
 * @param window failures are forgotten this long after the last one; also how long a refusal lasts
 * @param firstDelay the pause before checking a password after one failure; it doubles with each
 *     further failure
 * @param maxDelay the longest pause
 * @param maxFailuresPerAddress failures from one client address (any accounts) before that address
 *     is refused outright for the rest of the window
 * @param maxFailuresPerAccountAndAddress failures for one account from one address before that
 *     address is refused for that account
 * @param distributedAttackAddresses distinct addresses failing for one account in the window from
 *     which every address, even a clean one, gets the longest pause for that account (a botnet
 *     guessing one password); below it a clean address is never slowed by others' failures
 * @param maxTracked entries kept per table (addresses, account-address pairs, accounts); past it
 *     the entries whose last failure is oldest are dropped, so a flood of random addresses or names
 *     cannot grow memory without bound
 */
public record LoginThrottleSettings(
        Duration window,
        Duration firstDelay,
        Duration maxDelay,
        int maxFailuresPerAddress,
        int maxFailuresPerAccountAndAddress,
        int distributedAttackAddresses,
        int maxTracked) {
    public LoginThrottleSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (!window.isPositive()) throw new IllegalArgumentException("window must be positive: " + window);
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay: " + firstDelay + ", " + maxDelay);
        }
        if (maxFailuresPerAddress < 1 || maxFailuresPerAccountAndAddress < 1 || distributedAttackAddresses < 2) {
            throw new IllegalArgumentException(
                    "failure limits must be positive (distributedAttackAddresses at least 2)");
        }
        if (maxTracked < 16) throw new IllegalArgumentException("maxTracked must be at least 16: " + maxTracked);
    }

    /**
     * 15 minute window; pauses of 0.5, 1, 2, 4 then 8 s; an address refused after 30 failures, an
     * address for one account after 10; 32 failing addresses mark an attack on an account; 50,000
     * entries per table (a few MB at most).
     */
    public static LoginThrottleSettings defaults() {
        return new LoginThrottleSettings(
                Duration.ofMinutes(15), Duration.ofMillis(500), Duration.ofSeconds(8), 30, 10, 32, 50_000);
    }

    public LoginThrottleSettings withWindow(Duration newWindow) {
        return new LoginThrottleSettings(
                newWindow,
                firstDelay,
                maxDelay,
                maxFailuresPerAddress,
                maxFailuresPerAccountAndAddress,
                distributedAttackAddresses,
                maxTracked);
    }

    public LoginThrottleSettings withDelays(Duration first, Duration max) {
        return new LoginThrottleSettings(
                window,
                first,
                max,
                maxFailuresPerAddress,
                maxFailuresPerAccountAndAddress,
                distributedAttackAddresses,
                maxTracked);
    }

    public LoginThrottleSettings withLimits(int perAddress, int perAccountAndAddress, int distributed) {
        return new LoginThrottleSettings(
                window, firstDelay, maxDelay, perAddress, perAccountAndAddress, distributed, maxTracked);
    }

    public LoginThrottleSettings withMaxTracked(int entries) {
        return new LoginThrottleSettings(
                window,
                firstDelay,
                maxDelay,
                maxFailuresPerAddress,
                maxFailuresPerAccountAndAddress,
                distributedAttackAddresses,
                entries);
    }
}
