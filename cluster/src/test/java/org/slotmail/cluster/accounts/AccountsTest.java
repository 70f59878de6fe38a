package org.slotmail.cluster.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.QuotaLimits;

class AccountsTest {
    static final Argon2Cost CHEAP = new Argon2Cost(64, 1, 1);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    ClusterDatabase database;
    Accounts accounts;
    ClusterAccountDirectory directory;

    @BeforeEach
    void open() {
        database = ClusterDatabase.create(dir);
        accounts = new Accounts(database, new PasswordHasher(CHEAP), Clock.fixed(NOW, ZoneOffset.UTC));
        directory = new ClusterAccountDirectory(database, new PasswordHasher(CHEAP), "example.com");
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Every test password carries the marker the build's log scan looks for (it's SecretsInLogsCheck). */
    static char[] pw(String s) {
        return ("pw-secret-" + s).toCharArray();
    }

    String storedHash(String address) {
        return database.read(c -> AccountTable.find(c, address)).orElseThrow().passwordHash();
    }

    @Nested
    class Adding {
        @Test
        void anAddedAccountIsFoundWithItsQuota() {
            var quota = new QuotaLimits(500L << 20, 10_000);
            Account added = accounts.add("alice@example.com", pw("secret"), quota);
            assertThat(added.address()).isEqualTo("alice@example.com");
            assertThat(added.quota()).isEqualTo(quota);
            assertThat(directory.find("alice@example.com")).hasValue(added);
        }

        @Test
        void theAddressIsStoredLowerCasedAndFoundInAnyCase() {
            accounts.add("Alice@Example.COM", pw("secret"), QuotaLimits.UNLIMITED);
            assertThat(accounts.list()).extracting(a -> a.account().address()).containsExactly("alice@example.com");
            assertThat(directory.find("ALICE@example.com")).isPresent();
            assertThat(directory.authenticate("aLiCe@EXAMPLE.com", pw("secret")))
                    .isPresent();
        }

        @Test
        void addingAnExistingAddressInAnyCaseIsRefused() {
            accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED);
            assertThatThrownBy(() -> accounts.add("ALICE@example.com", pw("other"), QuotaLimits.UNLIMITED))
                    .isInstanceOf(AccountExistsException.class)
                    .hasMessage("account alice@example.com already exists");
        }

        @Test
        void aBadAddressIsRefusedAndNothingIsStored() {
            assertThatThrownBy(() -> accounts.add("alice+folder@example.com", pw("secret"), QuotaLimits.UNLIMITED))
                    .isInstanceOf(InvalidAddressException.class)
                    .hasMessageContaining("'+'");
            assertThatThrownBy(() -> accounts.add("alice", pw("secret"), QuotaLimits.UNLIMITED))
                    .hasMessage("address 'alice' has no domain; write it as alice@<domain>");
            assertThat(accounts.list()).isEmpty();
        }

        @Test
        void anEmptyPasswordIsRefused() {
            assertThatThrownBy(() -> accounts.add("alice@example.com", new char[0], QuotaLimits.UNLIMITED))
                    .isInstanceOf(AccountException.class)
                    .hasMessage("password is empty");
        }

        @Test
        void theStoredHashIsAPhcStringAndNotThePassword() {
            accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED);
            assertThat(storedHash("alice@example.com"))
                    .startsWith("$argon2id$v=19$m=64,t=1,p=1$")
                    .doesNotContain("pw-secret-");
        }

        @Test
        void listShowsEveryAccountByAddressWithItsCreationTime() {
            accounts.add("bob@example.com", pw("b"), QuotaLimits.UNLIMITED);
            accounts.add("alice@example.com", pw("a"), new QuotaLimits(1024, 0));
            assertThat(accounts.list())
                    .extracting(a -> a.account().address(), AccountInfo::created)
                    .containsExactly(tuple("alice@example.com", NOW), tuple("bob@example.com", NOW));
        }
    }

    @Nested
    class LoggingIn {
        @BeforeEach
        void alice() {
            accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED);
        }

        @Test
        void theRightPasswordReturnsTheAccount() {
            assertThat(directory.authenticate("alice@example.com", pw("secret")))
                    .map(Account::address)
                    .hasValue("alice@example.com");
        }

        @Test
        void aWrongPasswordReturnsNothing() {
            assertThat(directory.authenticate("alice@example.com", pw("Secret")))
                    .isEmpty();
            assertThat(directory.authenticate("alice@example.com", pw(""))).isEmpty();
        }

        @Test
        void anUnknownUserReturnsNothing() {
            assertThat(directory.authenticate("mallory@example.com", pw("secret")))
                    .isEmpty();
            assertThat(directory.find("mallory@example.com")).isEmpty();
        }

        @Test
        void aLoginWithoutDomainUsesTheDefaultDomain() {
            assertThat(directory.find("alice")).map(Account::address).hasValue("alice@example.com");
            assertThat(directory.authenticate("Alice", pw("secret"))).isPresent();
            var otherDefault = new ClusterAccountDirectory(database, new PasswordHasher(CHEAP), "example.org");
            assertThat(otherDefault.find("alice")).isEmpty();
            assertThat(otherDefault.find("alice@example.com")).isPresent();
        }

        @Test
        void aLoginThatCannotBeAnAddressFindsNothing() {
            assertThat(directory.find("alice+INBOX@example.com")).isEmpty();
            assertThat(directory.authenticate("alice@", pw("secret"))).isEmpty();
            assertThat(directory.authenticate("", pw("secret"))).isEmpty();
        }

        @Test
        void aHashMadeWithAnOldCostIsReplacedAtTheNextSuccessfulLogin() {
            String old = storedHash("alice@example.com");
            var stronger =
                    new ClusterAccountDirectory(database, new PasswordHasher(new Argon2Cost(128, 2, 1)), "example.com");

            assertThat(stronger.authenticate("alice@example.com", pw("wrong"))).isEmpty();
            assertThat(storedHash("alice@example.com")).isEqualTo(old);

            assertThat(stronger.authenticate("alice@example.com", pw("secret"))).isPresent();
            assertThat(storedHash("alice@example.com")).startsWith("$argon2id$v=19$m=128,t=2,p=1$");
            assertThat(stronger.authenticate("alice@example.com", pw("secret"))).isPresent();
        }

        @Test
        void aHashWithTheCurrentCostIsLeftAlone() {
            String before = storedHash("alice@example.com");
            assertThat(directory.authenticate("alice@example.com", pw("secret")))
                    .isPresent();
            assertThat(storedHash("alice@example.com")).isEqualTo(before);
        }

        @Test
        void anUnknownUserCostsAboutAsMuchAsAWrongPassword() {
            // Only the decoy hash makes these comparable: without it an unknown user would be
            // answered in microseconds, thousands of times faster than a real verification.
            var costly = new Argon2Cost(4096, 2, 1);
            accounts.setPassword("alice@example.com", pw("secret"));
            var slow = new ClusterAccountDirectory(database, new PasswordHasher(costly), "example.com");
            slow.authenticate("alice@example.com", pw("secret")); // rehash to the costly parameters
            long known = medianNanos(() -> slow.authenticate("alice@example.com", pw("wrong")));
            long unknown = medianNanos(() -> slow.authenticate("nobody@example.com", pw("wrong")));
            assertThat((double) unknown).isGreaterThan(known * 0.3);
        }

        private static long medianNanos(Runnable login) {
            long[] times = new long[7];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                login.run();
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            return times[times.length / 2];
        }
    }

    @Nested
    class Changing {
        @BeforeEach
        void alice() {
            accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED);
        }

        @Test
        void afterPasswdOnlyTheNewPasswordWorks() {
            accounts.setPassword("alice@example.com", pw("new secret"));
            assertThat(directory.authenticate("alice@example.com", pw("secret")))
                    .isEmpty();
            assertThat(directory.authenticate("alice@example.com", pw("new secret")))
                    .isPresent();
        }

        @Test
        void passwdOfAnUnknownAccountIsRefused() {
            assertThatThrownBy(() -> accounts.setPassword("bob@example.com", pw("x")))
                    .isInstanceOf(UnknownAccountException.class)
                    .hasMessage("no account bob@example.com");
        }

        @Test
        void aNewQuotaIsSeenByTheDirectory() {
            Account changed = accounts.setQuota("ALICE@example.com", new QuotaLimits(2L << 30, 5));
            assertThat(changed.quota()).isEqualTo(new QuotaLimits(2L << 30, 5));
            assertThat(directory.find("alice")).map(Account::quota).hasValue(new QuotaLimits(2L << 30, 5));
        }

        @Test
        void getNamesTheAccountOrSaysThereIsNone() {
            assertThat(accounts.get("alice@example.com").created()).isEqualTo(NOW);
            assertThatThrownBy(() -> accounts.get("bob@example.com")).hasMessage("no account bob@example.com");
        }
    }

    @Nested
    class Deleting {
        @Test
        void aDeletedAccountCanNoLongerLogIn() {
            accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED);
            accounts.delete("alice@example.com");
            assertThat(directory.find("alice@example.com")).isEmpty();
            assertThat(directory.authenticate("alice@example.com", pw("secret")))
                    .isEmpty();
            assertThat(accounts.list()).isEmpty();
        }

        @Test
        void deletingAnUnknownAccountIsRefused() {
            assertThatThrownBy(() -> accounts.delete("bob@example.com"))
                    .isInstanceOf(UnknownAccountException.class)
                    .hasMessage("no account bob@example.com");
        }

        @Test
        void aDeletedAccountIsListedForPurgingByItsId() {
            long id = accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED)
                    .id();
            accounts.delete("alice@example.com");
            assertThat(accounts.deleted()).containsExactly(new DeletedAccount(id, "alice@example.com", NOW));
            assertThat(directory.deletedAccountIds()).containsExactly(id);
        }

        @Test
        void idsAreNeverReusedEvenForTheSameAddressOrAfterTheHighestIsDeleted() {
            long first = accounts.add("alice@example.com", pw("a"), QuotaLimits.UNLIMITED)
                    .id();
            long second = accounts.add("bob@example.com", pw("b"), QuotaLimits.UNLIMITED)
                    .id();
            accounts.delete("bob@example.com");
            accounts.delete("alice@example.com");
            long again = accounts.add("alice@example.com", pw("a"), QuotaLimits.UNLIMITED)
                    .id();
            assertThat(again).isGreaterThan(Math.max(first, second));
        }

        @Test
        void idsAreNeverReusedAfterTheDatabaseIsReopened() {
            accounts.add("alice@example.com", pw("a"), QuotaLimits.UNLIMITED);
            long last = accounts.delete("alice@example.com").id();
            database.close();
            open();
            assertThat(accounts.add("carol@example.com", pw("c"), QuotaLimits.UNLIMITED)
                            .id())
                    .isGreaterThan(last);
        }
    }

    /** A running server and the command line: two processes, each with its own database handle. */
    @Nested
    class TwoProcesses {
        ClusterDatabase otherDatabase;
        Accounts admin;

        @BeforeEach
        void openSecondHandle() {
            otherDatabase = ClusterDatabase.open(dir);
            admin = new Accounts(otherDatabase, new PasswordHasher(CHEAP));
        }

        @AfterEach
        void closeSecondHandle() {
            otherDatabase.close();
        }

        @Test
        void aRunningServerSeesEveryChangeAtOnce() {
            assertThat(directory.find("dave@example.com")).isEmpty(); // the server's connections are warm

            admin.add("dave@example.com", pw("one"), QuotaLimits.UNLIMITED);
            assertThat(directory.authenticate("dave@example.com", pw("one"))).isPresent();

            admin.setPassword("dave@example.com", pw("two"));
            assertThat(directory.authenticate("dave@example.com", pw("one"))).isEmpty();
            assertThat(directory.authenticate("dave@example.com", pw("two"))).isPresent();

            admin.setQuota("dave@example.com", new QuotaLimits(1024, 0));
            assertThat(directory.find("dave")).map(Account::quota).hasValue(new QuotaLimits(1024, 0));

            admin.delete("dave@example.com");
            assertThat(directory.find("dave@example.com")).isEmpty();
        }

        @Test
        void bothHandlesAddingTheSameAddressCreateOneAccount() throws Exception {
            List<Callable<Boolean>> adds = new ArrayList<>();
            for (Accounts each : List.of(accounts, admin, accounts, admin)) {
                adds.add(() -> {
                    try {
                        each.add("erin@example.com", pw("x"), QuotaLimits.UNLIMITED);
                        return true;
                    } catch (AccountExistsException e) {
                        return false;
                    }
                });
            }
            int created = 0;
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<Boolean> added : executor.invokeAll(adds)) created += added.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(accounts.list()).hasSize(1);
        }
    }

    @Test
    void manyVirtualThreadsCanLookUpAtOnce() throws Exception {
        accounts.add("alice@example.com", pw("secret"), QuotaLimits.UNLIMITED);
        List<Callable<Boolean>> lookups = new ArrayList<>();
        for (int i = 0; i < 200; i++) lookups.add(() -> directory.find("alice").isPresent());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> found : executor.invokeAll(lookups))
                assertThat(found.get()).isTrue();
        }
    }
}
