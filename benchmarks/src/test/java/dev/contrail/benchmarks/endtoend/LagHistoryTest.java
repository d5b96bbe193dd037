package dev.contrail.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagHistoryTest {

    private static final TopicPartition RAW = new TopicPartition("opensky.state-vectors", 0);
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aConsumerAtTheEndIsNotBehind() {
        var history = new LagHistory();
        history.recordEnd(RAW, 0, 100);
        assertThat(history.secondsBehind(RAW, 100, 5 * SECOND)).isZero();
        assertThat(history.secondsBehind(new TopicPartition("unknown", 0), 0, 5 * SECOND)).isZero();
    }

    @Test
    void aConsumerIsAsFarBehindAsTheFirstRecordItHasNotProcessedIsOld() {
        var history = new LagHistory();
        history.recordEnd(RAW, 0, 100);
        history.recordEnd(RAW, SECOND, 200);
        history.recordEnd(RAW, 2 * SECOND, 300);
        history.recordEnd(RAW, 3 * SECOND, 400);
        // Offset 250 appeared between the samples at 1 s (end 200) and 2 s (end 300).
        assertThat(history.secondsBehind(RAW, 250, 3 * SECOND)).isEqualTo(1.0);
        assertThat(history.secondsBehind(RAW, 150, 3 * SECOND)).isEqualTo(2.0);
        assertThat(history.secondsBehind(RAW, 399, 3 * SECOND)).isEqualTo(0.0);
        // Behind since before the first sample: at least as old as the first sample.
        assertThat(history.secondsBehind(RAW, 10, 3 * SECOND)).isEqualTo(3.0);
    }

    @Test
    void aConsumerThatStopsFallsFurtherBehindAsTimeGoesOn() {
        var history = new LagHistory();
        history.recordEnd(RAW, 0, 100);
        history.recordEnd(RAW, SECOND, 200);
        assertThat(history.secondsBehind(RAW, 150, 2 * SECOND)).isEqualTo(1.0);
        assertThat(history.secondsBehind(RAW, 150, 10 * SECOND)).isEqualTo(9.0);
    }
}
