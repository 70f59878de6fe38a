package org.slotmail.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleToTheCeilingEachBetweenHalfAndTheWhole() {
        var backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
        long expected = 50;
        for (int i = 0; i < 12; i++) {
            assertThat(backoff.nextDelayMillis()).isBetween(expected / 2, expected);
            expected = Math.min(5000, expected * 2);
        }
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isBetween(25L, 50L);
    }

    @Test
    void aRefusedConnectionIsTriedAgainWithinASecondButStillBacksOffBelowIt() {
        var backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
        assertThat(backoff.nextDelayAfterRefusalMillis()).isBetween(25L, 50L);
        for (int i = 0; i < 20; i++) {
            assertThat(backoff.nextDelayAfterRefusalMillis()).isBetween(1L, Backoff.REFUSED_CEILING_MILLIS);
        }
        // Other failures still wait up to the ceiling.
        assertThat(backoff.nextDelayMillis()).isBetween(2500L, 5000L);
    }
}
