package dev.tuna.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void quantilesInterpolateLikeNumpy() {
        // numpy.quantile([1, 2, 3, 4, 10], 0.9) == 7.6, median 3
        var d = Distribution.of(new int[] {10, 2, 4, 1, 3, 99}, 5);
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(10);
        assertThat(d.mean()).isEqualTo(4.0);
        assertThat(d.p50()).isEqualTo(3.0);
        assertThat(d.p90()).isCloseTo(7.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Distribution.of(new int[0], 0)).isEqualTo(Distribution.EMPTY);
    }
}
