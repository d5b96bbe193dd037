package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contrail.projections.Generation.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GenerationProgressTest {

    private static final TopicPartition OBSERVATIONS = new TopicPartition("flight-tracking.observations", 0);
    private static final List<TopicPartition> MINE = List.of(OBSERVATIONS);
    private static final Generation RECORD = new Generation("flight-tracks", 4, 2, State.REBUILDING, "proj_flight_tracks_g4",
            "contrail-projection-flight-tracks-g4", Instant.EPOCH, null, null, null);
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRebuildReportsWhatItHasDoneOfWhatTheTopicsHeldAtASmoothedRateAndAnEta() {
        var progress = new GenerationProgress();
        progress.rebuildFrom(Map.of(OBSERVATIONS, 0L), Map.of(OBSERVATIONS, 10_000L));
        Map<TopicPartition, Long> ends = Map.of(OBSERVATIONS, 10_500L);
        Map<TopicPartition, Long> starts = Map.of(OBSERVATIONS, 0L);

        progress.measure(MINE, Map.of(OBSERVATIONS, 1_000L), ends, starts, 0);
        assertThat(progress.report(RECORD, State.REBUILDING, null).etaSeconds()).as("no rate yet").isNull();

        progress.measure(MINE, Map.of(OBSERVATIONS, 3_000L), ends, starts, SECOND);
        assertThat(progress.rate()).isEqualTo(2_000.0);
        progress.measure(MINE, Map.of(OBSERVATIONS, 4_000L), ends, starts, 2 * SECOND);
        assertThat(progress.rate()).as("0.7 × 2,000 + 0.3 × 1,000").isCloseTo(1_700.0, within(1e-9));

        ReplayProgress report = progress.report(RECORD, State.REBUILDING, null);
        assertThat(report.eventsDone()).isEqualTo(4_000);
        assertThat(report.eventsTotal()).isEqualTo(10_000);
        assertThat(report.lag()).isEqualTo(6_500);
        assertThat(report.etaSeconds()).isCloseTo(6_000 / 1_700.0, within(1e-9));
        assertThat(progress.reachedTargets()).isFalse();
    }

    @Test
    void onceItServesItReportsEverythingDoneAndNoEta() {
        var progress = new GenerationProgress();
        progress.rebuildFrom(Map.of(OBSERVATIONS, 0L), Map.of(OBSERVATIONS, 10_000L));
        progress.measure(MINE, Map.of(OBSERVATIONS, 10_200L), Map.of(OBSERVATIONS, 10_300L), Map.of(OBSERVATIONS, 0L), 0);

        ReplayProgress report = progress.report(RECORD, State.SERVING, null);

        assertThat(progress.reachedTargets()).isTrue();
        assertThat(report.eventsDone()).isEqualTo(report.eventsTotal()).isEqualTo(10_000);
        assertThat(report.etaSeconds()).isZero();
        assertThat(report.finished()).isTrue();
    }
}
