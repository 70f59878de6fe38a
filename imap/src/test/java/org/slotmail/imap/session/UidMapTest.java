package org.slotmail.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class UidMapTest {
    @Test
    void contiguousUidsAreOneRunAndStillNumberedOneByOne() {
        var map = new UidMap(new long[] {5, 6, 7, 8, 20});
        assertThat(map.size()).isEqualTo(5);
        assertThat(map.uidAt(4)).isEqualTo(8);
        assertThat(map.seqOf(20)).isEqualTo(5);
        assertThat(map.seqOf(9)).isZero();
        map.remove(2);
        assertThat(map.seqOf(8)).isEqualTo(3);
        assertThat(map.uidAt(2)).isEqualTo(7);
    }

    /** Appends and removals in any order agree with a plain list of UIDs. */
    @Property(tries = 300)
    void behavesLikeAListOfIncreasingUids(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 3) Integer> gaps,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1000) Integer> operations) {
        var reference = new ArrayList<Long>();
        long uid = 0;
        for (int gap : gaps) reference.add(uid += gap);
        var map = new UidMap(reference.stream().mapToLong(Long::longValue).toArray());
        for (int op : operations) {
            if (op % 3 == 0 || reference.isEmpty()) {
                uid += 1 + op % 2;
                reference.add(uid);
                map.append(uid);
            } else {
                int seq = 1 + op % reference.size();
                reference.remove(seq - 1);
                map.remove(seq);
            }
            assertThat(map.size()).isEqualTo(reference.size());
            for (int i = 0; i < reference.size(); i++) {
                assertThat(map.uidAt(i + 1)).isEqualTo(reference.get(i));
                assertThat(map.seqOf(reference.get(i))).isEqualTo(i + 1);
            }
            assertThat(map.last()).isEqualTo(reference.isEmpty() ? 0 : reference.getLast());
        }
    }
}
