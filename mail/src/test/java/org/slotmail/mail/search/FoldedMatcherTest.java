package org.slotmail.mail.search;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.slotmail.mail.CaseFold;

class FoldedMatcherTest {
    @Test
    void findsAcrossPiecesAndCase() {
        FoldedMatcher m = new FoldedMatcher("Needle");
        assertThat(m.feed("hay hay NEE")).isFalse();
        assertThat(m.feed("dLE more")).isTrue();
    }

    @Test
    void backtracksOverPartialMatches() {
        assertThat(new FoldedMatcher("aab").feed("aaab")).isTrue();
        assertThat(new FoldedMatcher("abab").feed("abaabab")).isTrue();
        assertThat(new FoldedMatcher("abc").feed("ababd")).isFalse();
    }

    @Test
    void aSurrogatePairSplitBetweenPiecesStillMatches() {
        String emoji = "\uD83D\uDE00";
        FoldedMatcher m = new FoldedMatcher("x" + emoji + "y");
        char[] text = ("ax" + emoji + "yb").toCharArray();
        assertThat(m.feed(text, 0, 3)).isFalse(); // ends between the two halves
        assertThat(m.feed(text, 3, text.length - 3)).isTrue();
    }

    @Test
    void anEmptyNeedleIsAlwaysFound() {
        assertThat(new FoldedMatcher("").found()).isTrue();
    }

    /** Splitting the haystack anywhere never changes the answer: it is the folded contains. */
    @Property(tries = 2000)
    void agreesWithFoldedContainsForAnySplit(
            @ForAll("texts") String haystack, @ForAll("needles") String needle, @ForAll int seed) {
        FoldedMatcher m = new FoldedMatcher(needle);
        java.util.Random random = new java.util.Random(seed);
        char[] chars = haystack.toCharArray();
        int at = 0;
        boolean found = m.found();
        while (at < chars.length) {
            int n = 1 + random.nextInt(Math.min(5, chars.length - at));
            found = m.feed(chars, at, n);
            at += n;
        }
        assertThat(found).isEqualTo(CaseFold.contains(haystack, needle));
    }

    @Provide
    Arbitrary<String> needles() {
        return Arbitraries.of("a", "A", "b", "σ", "Σ", "ς", "\uD83D\uDE00")
                .list()
                .ofMaxSize(4)
                .map(pieces -> String.join("", pieces));
    }

    /** Well-formed text (decoded mail never has lone surrogates) from a small alphabet, so matches happen. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("a", "A", "b", "B", "σ", "Σ", "ς", "\uD83D\uDE00")
                .list()
                .ofMaxSize(30)
                .map(pieces -> String.join("", pieces));
    }
}
