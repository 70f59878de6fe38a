package org.slotmail.net.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slotmail.net.login.LoginThrottle.Verdict;

class LoginThrottleTest {
    private static final InetAddress STORM = InetAddress.ofLiteral("192.0.2.2");
    private static final InetAddress HOME = InetAddress.ofLiteral("192.0.2.3");
    private static final String ALICE = "alice@example.com";

    private final MutableClock clock = new MutableClock();
    // Zero-length pauses keep the tests fast; the pauses themselves are checked through check().
    private final LoginThrottleSettings settings = LoginThrottleSettings.defaults()
            .withLimits(20, 10, 8)
            .withDelays(Duration.ofMillis(500), Duration.ofSeconds(8));
    private final LoginThrottle throttle = new LoginThrottle(settings, clock);

    private Duration delay(InetAddress client, String login) {
        return switch (throttle.check(client, login)) {
            case Verdict.Proceed(Duration d) -> d;
            case Verdict.Refuse r -> throw new AssertionError("refused: " + r);
        };
    }

    private LoginRefusal refusal(InetAddress client, String login) {
        return switch (throttle.check(client, login)) {
            case Verdict.Refuse(LoginRefusal r) -> r;
            case Verdict.Proceed p -> throw new AssertionError("not refused: " + p);
        };
    }

    @Nested
    class Delays {
        @Test
        void aCleanClientIsNotSlowedAtAll() {
            assertThat(delay(HOME, ALICE)).isZero();
        }

        @Test
        void eachFailureDoublesThePauseUpToTheMaximum() {
            var seen = new java.util.ArrayList<Duration>();
            for (int i = 0; i < 7; i++) {
                throttle.failed(STORM, "user" + i + "@example.com");
                seen.add(delay(STORM, "someone@example.com"));
            }
            assertThat(seen)
                    .containsExactly(
                            Duration.ofMillis(500),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(4),
                            Duration.ofSeconds(8),
                            Duration.ofSeconds(8),
                            Duration.ofSeconds(8));
        }

        @Test
        void failuresAreForgottenAfterTheWindow() {
            throttle.failed(STORM, ALICE);
            assertThat(delay(STORM, ALICE)).isPositive();
            clock.advance(settings.window());
            assertThat(delay(STORM, ALICE)).isZero();
        }
    }

    @Nested
    class Refusals {
        @Test
        void anAddressThatFailedTooOftenIsRefusedForEveryAccountUntilTheWindowPasses() {
            for (int i = 0; i < 20; i++) throttle.failed(STORM, "user" + i + "@example.com");
            LoginRefusal r = refusal(STORM, "new@example.com");
            assertThat(r.reason()).isEqualTo(LoginRefusal.Reason.ADDRESS);
            assertThat(r.retryAfter()).isEqualTo(settings.window());
            assertThat(r.text()).isEqualTo("too many failed logins from your address; try again in 15 minutes");
            clock.advance(Duration.ofMinutes(14));
            assertThat(refusal(STORM, ALICE).text()).endsWith("try again in 1 minute");
            clock.advance(Duration.ofMinutes(1));
            assertThat(delay(STORM, ALICE)).isZero();
        }

        @Test
        void anAddressGuessingOneAccountIsRefusedForThatAccountOnly() {
            for (int i = 0; i < 10; i++) throttle.failed(STORM, ALICE);
            assertThat(refusal(STORM, ALICE).reason()).isEqualTo(LoginRefusal.Reason.ACCOUNT_FROM_ADDRESS);
            assertThat(throttle.check(STORM, "bob@example.com")).isInstanceOf(Verdict.Proceed.class);
        }

        @Test
        void theLoginNameIsComparedWithoutCaseOrSurroundingSpace() {
            for (int i = 0; i < 10; i++) throttle.failed(STORM, ALICE);
            assertThat(refusal(STORM, " ALICE@Example.com ").reason())
                    .isEqualTo(LoginRefusal.Reason.ACCOUNT_FROM_ADDRESS);
        }
    }

    @Nested
    class TheAccountsOwner {
        @Test
        void isNeitherSlowedNorRefusedByAStormFromAnotherAddress() {
            for (int i = 0; i < 50; i++) throttle.failed(STORM, ALICE);
            assertThat(refusal(STORM, ALICE)).isNotNull();
            assertThat(delay(HOME, ALICE)).isZero();
        }

        @Test
        void isSlowedButNeverRefusedWhenManyAddressesFailForTheAccount() {
            for (int i = 0; i < 8; i++) throttle.failed(InetAddress.ofLiteral("198.51.100." + i), ALICE);
            assertThat(delay(HOME, ALICE)).isEqualTo(settings.maxDelay());
            assertThat(delay(HOME, "bob@example.com")).isZero();
        }

        @Test
        void aSuccessForgetsThatAccountsFailuresFromThatAddress() {
            for (int i = 0; i < 9; i++) throttle.failed(HOME, ALICE);
            throttle.succeeded(HOME, ALICE);
            throttle.failed(HOME, ALICE);
            assertThat(throttle.check(HOME, ALICE)).isInstanceOf(Verdict.Proceed.class);
        }
    }

    @Nested
    class Ipv6 {
        @Test
        void addressesInOneSlash64CountAsOneClient() {
            for (int i = 0; i < 20; i++) {
                throttle.failed(InetAddress.ofLiteral("2001:db8:1:2::" + Integer.toHexString(i + 1)), "u" + i);
            }
            assertThat(refusal(InetAddress.ofLiteral("2001:db8:1:2:ffff::9"), ALICE)
                            .reason())
                    .isEqualTo(LoginRefusal.Reason.ADDRESS);
            assertThat(delay(InetAddress.ofLiteral("2001:db8:1:3::1"), ALICE)).isZero();
        }
    }

    @Nested
    class Memory {
        @Test
        void aFloodOfRandomAddressesAndNamesKeepsEachTableBounded() {
            var small = new LoginThrottle(settings.withMaxTracked(1000), clock);
            var random = ThreadLocalRandom.current();
            for (int i = 0; i < 20_000; i++) {
                byte[] ip = new byte[4];
                random.nextBytes(ip);
                small.failed(address(ip), i + "x".repeat(10_000));
            }
            assertThat(small.tracked()).containsExactly(1000, 1000, 1000);
        }

        @Test
        void entriesPastTheWindowAreDroppedAsNewFailuresArrive() {
            for (int i = 0; i < 100; i++) throttle.failed(InetAddress.ofLiteral("198.51.100." + i), "u" + i);
            clock.advance(settings.window());
            throttle.failed(STORM, ALICE);
            assertThat(throttle.tracked()).containsExactly(1, 1, 1);
        }

        private static InetAddress address(byte[] ip) {
            try {
                return InetAddress.getByAddress(ip);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class Attempt {
        private final LoginThrottle fast = new LoginThrottle(settings.withDelays(Duration.ZERO, Duration.ZERO), clock);

        @Test
        void acceptsRejectsAndFinallyRefusesWithoutCallingTheCheck() {
            var checks = new AtomicInteger();
            for (int i = 0; i < 10; i++) {
                assertThat(fast.attempt(STORM, "test", ALICE, () -> {
                            checks.incrementAndGet();
                            return Optional.empty();
                        }))
                        .isInstanceOf(LoginAttempt.Rejected.class);
            }
            LoginAttempt<String> refused = fast.attempt(STORM, "test", ALICE, () -> {
                checks.incrementAndGet();
                return Optional.of("alice");
            });
            assertThat(refused).isInstanceOf(LoginAttempt.Refused.class);
            assertThat(checks).hasValue(10);
            assertThat(fast.attempt(HOME, "test", ALICE, () -> Optional.of("alice")))
                    .isEqualTo(new LoginAttempt.Accepted<>("alice"));
        }

        @Test
        void servesThePauseBeforeCheckingThePassword() {
            var slow = new LoginThrottle(settings.withDelays(Duration.ofMillis(200), Duration.ofMillis(200)), clock);
            slow.failed(STORM, ALICE);
            long began = System.nanoTime();
            slow.attempt(STORM, "test", ALICE, Optional::empty);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }
}
