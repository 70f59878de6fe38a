package org.slotmail.net.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AccountSessionsTest {
    @Test
    void oneSessionMoreThanTheLimitIsRefusedUntilAnotherEnds() {
        var sessions = new AccountSessions(2);
        var first = sessions.open("alice@example.com").orElseThrow();
        sessions.open("ALICE@example.com").orElseThrow();
        assertThat(sessions.open("alice@example.com")).isEmpty();
        assertThat(sessions.open("bob@example.com")).isPresent();
        first.close();
        first.close(); // twice gives back one place only
        assertThat(sessions.count("alice@example.com")).isEqualTo(1);
        assertThat(sessions.open("alice@example.com")).isPresent();
        assertThat(sessions.open("alice@example.com")).isEmpty();
    }

    @Test
    void plaintextLoginsFollowTheSetting() {
        var loopback = InetAddress.ofLiteral("127.0.0.2");
        var remote = InetAddress.ofLiteral("192.0.2.1");
        assertThat(PlaintextLogins.NEVER.allows(false, loopback)).isFalse();
        assertThat(PlaintextLogins.NEVER.allows(true, remote)).isTrue();
        assertThat(PlaintextLogins.LOOPBACK.allows(false, loopback)).isTrue();
        assertThat(PlaintextLogins.LOOPBACK.allows(false, remote)).isFalse();
        assertThat(PlaintextLogins.ALWAYS.allows(false, remote)).isTrue();
        assertThat(PlaintextLogins.parse(" Loopback ")).isEqualTo(PlaintextLogins.LOOPBACK);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlaintextLogins.parse("sometimes"))
                .hasMessageContaining("never, loopback or always");
    }
}
