package org.slotmail.cluster.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({
        "0,       0",
        "1048576, 1048576",
        "1024K,   1048576",
        "500M,    524288000",
        "500m,    524288000",
        "500MB,   524288000",
        "500MiB,  524288000",
        "2G,      2147483648",
        "1T,      1099511627776",
    })
    void sizesAreBytesOrBinaryMultiples(String text, long bytes) {
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "-5M", "1.5G", "5X", "5MM", "G5", "5 M B", "١٢"})
    void otherSpellingsAreRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("(e.g. 500M)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "8388608T"})
    void sizesBeyondALongAreRefused(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).hasMessage("size '" + text + "' is too large");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1000, 1000", "1024, 1K", "524288000, 500M", "1536, 1536", "2147483648, 2G"})
    void sizesPrintInTheirShortestExactForm(long bytes, String text) {
        assertThat(new ByteSize(bytes)).hasToString(text);
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }
}
