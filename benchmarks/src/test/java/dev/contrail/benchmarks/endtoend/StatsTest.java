package dev.contrail.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void theSpreadOfRunsIsTheirMedianMinimumAndMaximum() {
        assertThat(Stats.Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats.Spread(2, 1, 3, 3));
        assertThat(Stats.Spread.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats.Spread(2.5, 1, 4, 4));
        assertThat(Stats.Spread.of(List.of(7.0))).isEqualTo(new Stats.Spread(7, 7, 7, 1));
        assertThatThrownBy(() -> Stats.Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreNearestRank() {
        var samples = new Stats.Samples();
        for (int i = 100; i >= 1; i--) {
            samples.add(i);
        }
        assertThat(samples.size()).isEqualTo(100);
        assertThat(samples.percentile(50)).isEqualTo(50);
        assertThat(samples.percentile(99)).isEqualTo(99);
        assertThat(samples.percentile(99.5)).isEqualTo(100);
        assertThat(samples.percentile(0)).isEqualTo(1);
        assertThat(samples.max()).isEqualTo(100);
    }

    @Test
    void samplesGrowAndMerge() {
        var one = new Stats.Samples();
        var two = new Stats.Samples();
        for (int i = 0; i < 3_000; i++) {
            one.add(i);
            two.add(10_000 + i);
        }
        one.addAll(two);
        assertThat(one.size()).isEqualTo(6_000);
        assertThat(one.max()).isEqualTo(12_999);
        assertThat(one.percentile(50)).isEqualTo(2_999);
    }
}
