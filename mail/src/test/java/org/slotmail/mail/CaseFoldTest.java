package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CaseFoldTest {
    @Test
    void foldsCaseAcrossScripts() {
        assertThat(CaseFold.contains("Hello WORLD", "world")).isTrue();
        assertThat(CaseFold.contains("ΟΔΟΣ", "οδος")).isTrue();
        assertThat(CaseFold.contains("οδός", "ΟΔΌΣ")).isTrue(); // final sigma folds like any sigma
        assertThat(CaseFold.contains("Straße", "STRASSE")).isFalse(); // one code point at a time, no expansion
        assertThat(CaseFold.contains("Kelvin \u212A", "k")).isTrue();
        assertThat(CaseFold.contains("anything", "")).isTrue();
    }

    @Property
    void foldingKeepsTheCodePointCount(@ForAll String s) {
        assertThat(CaseFold.fold(s).codePointCount(0, CaseFold.fold(s).length()))
                .isEqualTo(s.codePointCount(0, s.length()));
    }
}
