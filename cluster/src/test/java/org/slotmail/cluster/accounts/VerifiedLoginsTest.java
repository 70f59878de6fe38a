package org.slotmail.cluster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void onlyTheVerifiedPasswordAgainstTheSameStoredHashWithinAnHourIsKnown() {
        var logins = new VerifiedLogins(clock);
        assertThat(logins.known("alice@example.com", "$argon2id$h1", "pw-secret-a".toCharArray()))
                .isFalse();
        logins.remember("alice@example.com", "$argon2id$h1", "pw-secret-a".toCharArray());
        assertThat(logins.known("alice@example.com", "$argon2id$h1", "pw-secret-a".toCharArray()))
                .isTrue();
        assertThat(logins.known("alice@example.com", "$argon2id$h1", "pw-secret-A".toCharArray()))
                .isFalse();
        assertThat(logins.known("bob@example.com", "$argon2id$h1", "pw-secret-a".toCharArray()))
                .isFalse();
        // A password change stores a new hash: the remembered login no longer counts.
        assertThat(logins.known("alice@example.com", "$argon2id$h2", "pw-secret-a".toCharArray()))
                .isFalse();
        now = now.plus(Duration.ofMinutes(61));
        assertThat(logins.known("alice@example.com", "$argon2id$h1", "pw-secret-a".toCharArray()))
                .isFalse();
    }
}
