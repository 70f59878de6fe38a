package org.slotmail.bench.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void percentilesAreByNearestRankInMilliseconds() {
        var p = new Percentiles(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000});
        assertThat(p.millis(50)).isEqualTo(3.0);
        assertThat(p.millis(99)).isEqualTo(5.0);
        assertThat(p.minMillis()).isEqualTo(1.0);
        assertThat(p.maxMillis()).isEqualTo(5.0);
        assertThat(p.above(3_000_000)).isEqualTo(2);
    }

    @Test
    void noValuesHaveNoPercentiles() {
        assertThat(new Percentiles(new long[0]).millis(50)).isNaN();
        assertThat(new Percentiles(new long[0]).above(0)).isZero();
    }
}
