package org.slotmail.bench.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slotmail.bench.MessageFactory;
import org.slotmail.mailbox.MailboxId;

class AccountStreamTest {
    private static final long FIRST_UID = 10;

    private static AccountStream stream(int messages) {
        return new AccountStream(
                "repl1@example.com",
                MailboxId.random(),
                FIRST_UID,
                new long[messages],
                new MessageFactory(2048, "bench@example.net", "test000000", 1),
                0);
    }

    @Test
    void aMessageIsVisibleOnceTheReplicasUidNextPassedItsUid() {
        AccountStream s = stream(3);
        s.begin(0);
        s.begin(1);
        assertThat(s.outstanding()).isTrue();

        s.visibleBelow(FIRST_UID + 1, 111);
        assertThat(s.visibleAt).containsExactly(111, 0, 0);
        s.visibleBelow(FIRST_UID + 2, 222);
        assertThat(s.visibleAt).containsExactly(111, 222, 0);
        assertThat(s.outstanding()).isFalse();
    }

    @Test
    void onlyMessagesThatBegunCanBeVisibleAndAStaleAnswerChangesNothing() {
        AccountStream s = stream(3);
        s.visibleBelow(FIRST_UID + 3, 5); // UIDs the benchmark did not give: not ours
        assertThat(s.seen).isZero();
        assertThat(s.outstanding()).isFalse();

        s.begin(0);
        s.visibleBelow(FIRST_UID + 3, 7);
        assertThat(s.visibleAt).containsExactly(7, 0, 0);
        s.begin(1);
        s.visibleBelow(FIRST_UID, 9); // an answer from before the first message
        assertThat(s.visibleAt).containsExactly(7, 0, 0);
        assertThat(s.outstanding()).isTrue();
    }
}
