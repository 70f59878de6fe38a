package org.slotmail.mail.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.mail.sort.ThreadNode.message;
import static org.slotmail.mail.sort.ThreadNode.placeholder;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** THREAD=REFERENCES and THREAD=ORDEREDSUBJECT, each case a small mailbox of our own. */
class ThreadingTest {
    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    /** A message: id, minutes after T0, Message-ID, subject, then References (or In-Reply-To via irt). */
    private static ThreadInput msg(long id, int minute, String messageId, String subject, String references) {
        return new ThreadInput(id, messageId, null, references, BaseSubject.of(subject), T0.plusSeconds(60L * minute));
    }

    private static ThreadInput reply(long id, int minute, String messageId, String subject, String inReplyTo) {
        return new ThreadInput(id, messageId, inReplyTo, null, BaseSubject.of(subject), T0.plusSeconds(60L * minute));
    }

    private static List<ThreadNode> references(ThreadInput... messages) {
        return ReferencesThreading.thread(List.of(messages));
    }

    @Test
    void aChainFollowsItsReferences() {
        assertThat(references(
                        msg(1, 0, "<a@x>", "plan", null),
                        msg(2, 1, "<b@x>", "Re: plan", "<a@x>"),
                        msg(3, 2, "<c@x>", "Re: plan", "<a@x> <b@x>")))
                .containsExactly(message(1, message(2, message(3))));
    }

    @Test
    void inReplyToIsUsedWithoutReferencesAndReferencesWinOverIt() {
        assertThat(references(
                        msg(1, 0, "<a@x>", "one", null),
                        msg(2, 1, "<b@x>", "two", null),
                        reply(3, 2, "<c@x>", "three", "<b@x>"),
                        new ThreadInput(4, "<d@x>", "<b@x>", "<a@x>", BaseSubject.of("four"), T0.plusSeconds(180))))
                .containsExactly(message(1, message(4)), message(2, message(3)));
    }

    @Test
    void repliesToAnAbsentMessageShareAPlaceholder() {
        assertThat(references(
                        msg(1, 0, "<b@x>", "first reply", "<missing@x>"),
                        msg(2, 1, "<c@x>", "second reply", "<missing@x>")))
                .containsExactly(placeholder(message(1), message(2)));
    }

    @Test
    void aPlaceholderWithOneChildAtTheTopIsDropped() {
        assertThat(references(msg(1, 0, "<b@x>", "lonely reply", "<missing@x>")))
                .containsExactly(message(1));
    }

    @Test
    void aPlaceholderInsideAThreadIsReplacedByItsChildren() {
        // c refers to a, then to b which is absent: b's place goes to c.
        assertThat(references(msg(1, 0, "<a@x>", "top", null), msg(2, 5, "<c@x>", "deep", "<a@x> <b@x>")))
                .containsExactly(message(1, message(2)));
    }

    @Test
    void aReplyWithoutReferencesJoinsTheOriginalBySubject() {
        assertThat(references(msg(1, 0, "<a@x>", "lunch?", null), msg(2, 3, "<b@x>", "Re: lunch?", null)))
                .containsExactly(message(1, message(2)));
    }

    @Test
    void anOriginalFoundAfterItsReplyStillBecomesTheParent() {
        // The reply is older (a skewed clock), but the original stands for the subject.
        assertThat(references(msg(1, 0, "<b@x>", "Re: lunch?", null), msg(2, 3, "<a@x>", "lunch?", null)))
                .containsExactly(message(2, message(1)));
    }

    @Test
    void twoOriginalsWithOneSubjectGoUnderANewPlaceholder() {
        assertThat(references(
                        msg(1, 0, "<a@x>", "weekly report", null),
                        msg(2, 7, "<b@x>", "Weekly Report", null),
                        msg(3, 9, "<c@x>", "RE: weekly report", null)))
                .containsExactly(placeholder(message(1), message(2), message(3)));
    }

    @Test
    void emptySubjectsAreNotGathered() {
        assertThat(references(msg(1, 0, "<a@x>", "", null), msg(2, 1, "<b@x>", "Re:", null)))
                .containsExactly(message(1), message(2));
    }

    @Test
    void aDuplicateMessageIdBelongsToTheFirstMessageOnly() {
        assertThat(references(
                        msg(1, 0, "<a@x>", "one", null),
                        msg(2, 1, "<a@x>", "copy", null),
                        msg(3, 2, "<c@x>", "three", "<a@x>")))
                .containsExactly(message(1, message(3)), message(2));
    }

    @Test
    void referencesThatWouldFormALoopAreIgnored() {
        assertThat(references(msg(1, 0, "<a@x>", "ay", "<b@x>"), msg(2, 1, "<b@x>", "bee", "<a@x>")))
                .containsExactly(message(2, message(1)));
    }

    @Test
    void aMessageWithoutIdIsStillThreadedByItsReferences() {
        assertThat(references(msg(1, 0, "<a@x>", "top", null), msg(2, 1, null, "answer", "<a@x>")))
                .containsExactly(message(1, message(2)));
    }

    @Test
    void siblingsAndThreadsAreOrderedBySentDateThenInputOrder() {
        assertThat(references(
                        msg(1, 10, "<a@x>", "late thread", null),
                        msg(2, 0, "<b@x>", "early thread", null),
                        msg(3, 30, "<c@x>", "Re: early thread", "<b@x>"),
                        msg(4, 20, "<d@x>", "Re: early thread", "<b@x>"),
                        msg(5, 20, "<e@x>", "Re: early thread", "<b@x>")))
                .containsExactly(message(2, message(4), message(5), message(3)), message(1));
    }

    @Test
    void aLargerMailbox() {
        // Two conversations interleaved, one with a lost message, one list reply without references.
        assertThat(references(
                        msg(1, 0, "<m1@x>", "release 1.0", null),
                        msg(2, 1, "<m2@x>", "Re: release 1.0", "<m1@x>"),
                        msg(3, 2, "<m3@x>", "dinner", null),
                        msg(4, 3, "<m4@x>", "Re: release 1.0", "<m1@x> <m2@x> <lost@x>"),
                        msg(5, 4, "<m5@x>", "[team] Re: dinner", null),
                        msg(6, 5, "<m6@x>", "Re: release 1.0", "<m1@x>")))
                .containsExactly(message(1, message(2, message(4)), message(6)), message(3, message(5)));
    }

    @Test
    void orderedSubjectGroupsByBaseSubjectUnderTheOldest() {
        assertThat(OrderedSubjectThreading.thread(List.of(
                        msg(1, 3, "<a@x>", "hello", null),
                        msg(2, 1, "<b@x>", "Re: hello", null),
                        msg(3, 2, "<c@x>", "other", null),
                        msg(4, 4, "<d@x>", "Re: other", null),
                        msg(5, 1, "<e@x>", "HELLO", null))))
                .containsExactly(message(2, message(5), message(1)), message(3, message(4)));
    }

    /** Whatever the references and subjects, every message appears exactly once and no placeholder is empty. */
    @net.jqwik.api.Property(tries = 500)
    void everyMessageAppearsOnce(@net.jqwik.api.ForAll("mailboxes") List<ThreadInput> mailbox) {
        for (List<ThreadNode> threads :
                List.of(ReferencesThreading.thread(mailbox), OrderedSubjectThreading.thread(mailbox))) {
            List<Long> ids = new java.util.ArrayList<>();
            collect(threads, ids);
            assertThat(ids)
                    .containsExactlyInAnyOrderElementsOf(
                            mailbox.stream().map(ThreadInput::id).toList());
        }
    }

    private static void collect(List<ThreadNode> nodes, List<Long> ids) {
        for (ThreadNode node : nodes) {
            switch (node) {
                case ThreadNode.Message m -> ids.add(m.id());
                case ThreadNode.Placeholder p -> assertThat(p.children()).isNotEmpty();
            }
            collect(node.children(), ids);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<ThreadInput>> mailboxes() {
        return net.jqwik.api.Arbitraries.randomValue(random -> {
            List<ThreadInput> messages = new java.util.ArrayList<>();
            List<String> subjects = List.of("a", "Re: a", "b", "Fwd: b", "", "[x] a");
            int n = random.nextInt(25);
            for (int i = 0; i < n; i++) {
                String own = random.nextInt(8) == 0 ? null : "<" + random.nextInt(20) + "@x>";
                StringBuilder refs = new StringBuilder();
                for (int r = random.nextInt(4); r > 0; r--)
                    refs.append('<').append(random.nextInt(20)).append("@x> ");
                messages.add(new ThreadInput(
                        i + 1,
                        own,
                        random.nextBoolean() ? "<" + random.nextInt(20) + "@x>" : null,
                        refs.toString(),
                        BaseSubject.of(subjects.get(random.nextInt(subjects.size()))),
                        T0.plusSeconds(random.nextInt(5))));
            }
            return messages;
        });
    }

    @Test
    void noMessagesNoThreads() {
        assertThat(references()).isEmpty();
        assertThat(OrderedSubjectThreading.thread(List.of())).isEmpty();
    }
}
