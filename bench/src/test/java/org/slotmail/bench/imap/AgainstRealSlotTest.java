package org.slotmail.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.slot.Ports;
import org.slotmail.slot.Slot;
import org.slotmail.slot.SlotConfig;

/** The benchmark client against a real Slotmail slot on loopback, filled by the benchmark's own LMTP feeder. */
class AgainstRealSlotTest {
    private static final int MESSAGES = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Account ACCOUNT = new Account("box@example.com", "pw-secret-1");

    @TempDir
    static Path dir;

    private static Slot slot;
    private static Target target;

    /** One account with a plain password; the real server's Argon2 cost is not what these tests check. */
    private static final class OneAccount implements AccountDirectory {
        private final org.slotmail.mailbox.Account account =
                new org.slotmail.mailbox.Account(1, ACCOUNT.user(), QuotaLimits.UNLIMITED);

        @Override
        public Optional<org.slotmail.mailbox.Account> find(String address) {
            return address.equalsIgnoreCase(ACCOUNT.user()) ? Optional.of(account) : Optional.empty();
        }

        @Override
        public Optional<org.slotmail.mailbox.Account> authenticate(String address, char[] password) {
            return find(address).filter(a -> ACCOUNT.password().equals(new String(password)));
        }
    }

    @BeforeAll
    static void fill() throws Exception {
        var config = SlotConfig.standalone(
                "s1", dir, "127.0.0.1", Ports.ephemeral(), "slot.test", SlotConfig.DEFAULT_MAX_MESSAGE_SIZE);
        slot = Slot.start(config, new OneAccount());
        target = new Target("slotmail", slot.imapAddress());
        LmtpFeeder.deliver(
                slot.lmtpAddress(), MailboxCorpus.forAccount(ACCOUNT.user()), ACCOUNT.user(), MESSAGES, 4, TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (slot != null) slot.close();
    }

    @Test
    void selectAndFetchRowsSeeEveryDeliveredMessage() {
        for (TimedCommand row : List.of(TimedCommand.SELECT, TimedCommand.FETCH_SUMMARY, TimedCommand.FETCH_FLAGS)) {
            Trial trial = row.run(target, ACCOUNT, MESSAGES, 0, false, TIMEOUT);
            assertThat(trial.failure()).as(row.label()).isNull();
            assertThat(trial.responses()).isEqualTo(MESSAGES);
            assertThat(trial.bytes()).isPositive();
            assertThat(trial.nanos()).isPositive();
        }
    }

    @Test
    void changedSinceReportsExactlyTheMessagesAnotherSessionFlagged() {
        for (int number = 0; number < 3; number++) {
            Trial trial = TimedCommand.FETCH_CHANGED.run(target, ACCOUNT, MESSAGES, number, false, TIMEOUT);
            assertThat(trial.failure()).isNull();
            assertThat(trial.responses()).isEqualTo(MESSAGES / 100);
        }
    }

    @Test
    void aServerRefusingTheSearchIsAFailedTrialNotACrash() {
        Trial trial = TimedCommand.SEARCH_BODY.run(target, ACCOUNT, MESSAGES, 0, false, TIMEOUT);
        // Text search may or may not exist yet on the server; either way the trial says what happened.
        if (trial.ok()) {
            assertThat(trial.responses()).isEqualTo(MailboxCorpus.searchHits(MESSAGES));
        } else {
            assertThat(trial.failure()).startsWith("UID SEARCH BODY " + MailboxCorpus.SEARCH_WORD + ": NO");
            assertThat(trial.line()).contains("ok=no failure=\"UID SEARCH");
        }
    }

    @Test
    void aWrongPasswordIsAFailedTrial() {
        Trial trial = TimedCommand.SELECT.run(
                target, new Account(ACCOUNT.user(), "wrong"), MESSAGES, 0, false, Duration.ofSeconds(30));
        assertThat(trial.ok()).isFalse();
        assertThat(trial.failure()).startsWith("LOGIN: NO");
    }

    @Test
    void theMixedLoadLoopsWithoutFailures() throws Exception {
        MixedLoad.Result result = MixedLoad.run(target, ACCOUNT, 4, Duration.ofSeconds(2), TIMEOUT, 0, false);
        assertThat(result.failures()).as(String.valueOf(result.firstFailure())).isZero();
        assertThat(result.loops()).isPositive();
        assertThat(result.p50Millis()).isLessThanOrEqualTo(result.p99Millis());
        assertThat(result.line()).startsWith("imap-mixed target=slotmail").doesNotContain("failure=");
    }

    @Test
    void idleConnectionsFromSeveralAddressesAreHeldAndMeasured() throws Exception {
        IdleCrowd.Result result = IdleCrowd.run(
                target,
                ACCOUNT,
                ProcessHandle.current().pid(),
                true,
                40,
                List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3")),
                8,
                Duration.ZERO,
                TIMEOUT);
        assertThat(result.failures()).as(String.valueOf(result.firstFailure())).isZero();
        assertThat(result.held()).isEqualTo(40);
        assertThat(result.after().heapUsedKb()).isPositive();
        assertThat(result.line()).contains("held=40").contains("heap_per_conn_kb=");
    }
}
