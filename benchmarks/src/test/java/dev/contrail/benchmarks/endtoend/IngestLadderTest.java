package dev.contrail.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class IngestLadderTest {

    private static final Duration BOUND = Duration.ofSeconds(3);

    @Test
    void aRungHoldsWhenEveryGroupStaysWithinTheBound() {
        var step = IngestLadder.judge(1, 2_000, 1_990, samples("refinement", t -> 0.5, "intake", t -> 1.0), BOUND);
        assertThat(step.held()).isTrue();
        assertThat(step.verdict()).isEqualTo("lag bounded");
    }

    @Test
    void aGroupThatCommitsInBatchesSawsUpAndDownAndStillKeepsUp() {
        // Up to 1.5 s behind, back to 0 at every commit of a batch.
        var step = IngestLadder.judge(1, 2_000, 2_000, samples("intake", t -> (t % 3) / 2), BOUND);
        assertThat(step.held()).isTrue();
    }

    @Test
    void aRungFailsWhenAGroupEndsBeyondTheBound() {
        var step = IngestLadder.judge(2, 4_000, 4_000, samples("intake", t -> 3.5), BOUND);
        assertThat(step.held()).isFalse();
        assertThat(step.verdict()).contains("intake 3.5 s behind");
    }

    @Test
    void aRungFailsWhenAGroupKeepsFallingBehind() {
        // Capacity 70 % of the rate: 0.3 s further behind every second.
        var step = IngestLadder.judge(2, 4_000, 4_000, samples("intake", t -> 0.3 * t), BOUND);
        assertThat(step.held()).isFalse();
        assertThat(step.verdict()).contains("falling behind by 0.30 s/s");
    }

    @Test
    void aRungFailsWhenTheProducerCouldNotOfferTheRate() {
        var step = IngestLadder.judge(100, 200_000, 90_000, samples("intake", t -> 0), BOUND);
        assertThat(step.held()).isFalse();
        assertThat(step.verdict()).contains("load producer");
    }

    @Test
    void theSlopeIsSecondsBehindGainedPerSecond() {
        assertThat(IngestLadder.slope(samples("g", t -> 2 + 0.25 * t), "g")).isCloseTo(0.25, within(1e-9));
        assertThat(IngestLadder.slope(samples("g", t -> 1), "g")).isCloseTo(0, within(1e-9));
    }

    @Test
    void theFigureIsTheHighestRateThatHeld() {
        var held = IngestLadder.judge(1, 2_000, 1_995, samples("intake", t -> 0), BOUND);
        var higher = IngestLadder.judge(2, 4_000, 3_990, samples("intake", t -> 0), BOUND);
        var failed = IngestLadder.judge(4, 8_000, 8_000, samples("intake", t -> 9), BOUND);
        var result = new IngestLadder.Result(List.of(held, higher, failed));
        assertThat(result.sustainedPerSecond()).isEqualTo(3_990);
        assertThat(result.firstFailure()).isSameAs(failed);
        assertThat(new IngestLadder.Result(List.of(failed)).sustainedPerSecond()).isZero();
    }

    static List<LagMonitor.Sample> samples(String group, DoubleUnaryOperator lag) {
        return samples(Map.of(group, lag));
    }

    static List<LagMonitor.Sample> samples(String group, DoubleUnaryOperator lag, String other, DoubleUnaryOperator otherLag) {
        return samples(Map.of(group, lag, other, otherLag));
    }

    /** Ten seconds of samples, every 0.5 s, of groups whose seconds behind follow the given functions of time. */
    static List<LagMonitor.Sample> samples(Map<String, DoubleUnaryOperator> lags) {
        List<LagMonitor.Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double t = i / 2.0;
            Map<String, LagMonitor.GroupLag> groups = new java.util.TreeMap<>();
            int sample = i;
            lags.forEach((group, lag) -> {
                double behind = lag.applyAsDouble(t);
                groups.put(group, new LagMonitor.GroupLag((long) (behind * 1_000), behind, sample));
            });
            samples.add(new LagMonitor.Sample((long) (t * 1e9), 1, i * 1_000L, groups));
        }
        return samples;
    }
}
