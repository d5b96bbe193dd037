package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetsSnapshotTest {

    private static final TopicPartition OBSERVATIONS_0 = new TopicPartition("observations", 0);
    private static final TopicPartition OBSERVATIONS_1 = new TopicPartition("observations", 1);
    private static final TopicPartition EVENTS_0 = new TopicPartition("events", 0);
    private static final List<TopicPartition> PARTITIONS = List.of(OBSERVATIONS_0, OBSERVATIONS_1, EVENTS_0);

    @Test
    void aServingGenerationsLagIsWhatItHasNotCommittedUpToTheEnds() {
        var snapshot = OffsetsSnapshot.of(PARTITIONS, Map.of(OBSERVATIONS_0, 90L, OBSERVATIONS_1, 100L, EVENTS_0, 7L),
                Map.of(OBSERVATIONS_0, 100L, OBSERVATIONS_1, 100L, EVENTS_0, 10L), Map.of(), Map.of(), Map.of());

        assertThat(snapshot.lag()).isEqualTo(13);
        assertThat(snapshot.processed()).isEqualTo(197);
        assertThat(snapshot.done()).isZero();
        assertThat(snapshot.partitions()).extracting(ProjectionStatus.PartitionLag::lag).containsExactly(10L, 0L, 3L);
    }

    @Test
    void aPartitionNeverCommittedHasProcessedNothingSinceItsBeginning() {
        var snapshot = OffsetsSnapshot.of(List.of(OBSERVATIONS_0), Map.of(), Map.of(OBSERVATIONS_0, 500L),
                Map.of(OBSERVATIONS_0, 200L), Map.of(OBSERVATIONS_0, 200L), Map.of(OBSERVATIONS_0, 500L));

        assertThat(snapshot.lag()).isEqualTo(300);
        assertThat(snapshot.processed()).isZero();
        assertThat(snapshot.done()).isZero();
        assertThat(snapshot.reachedTargets()).isFalse();
    }

    @Test
    void aRebuildCountsOnlyWhatTheTopicsHeldWhenItStartedAndReachesItsTargetsOnEveryPartition() {
        Map<TopicPartition, Long> earliest = Map.of(OBSERVATIONS_0, 0L, OBSERVATIONS_1, 0L, EVENTS_0, 0L);
        Map<TopicPartition, Long> targets = Map.of(OBSERVATIONS_0, 100L, OBSERVATIONS_1, 50L, EVENTS_0, 10L);
        // Live traffic has arrived since: the ends moved on.
        Map<TopicPartition, Long> ends = Map.of(OBSERVATIONS_0, 120L, OBSERVATIONS_1, 60L, EVENTS_0, 12L);

        var midway = OffsetsSnapshot.of(PARTITIONS, Map.of(OBSERVATIONS_0, 110L, OBSERVATIONS_1, 20L), ends, earliest, earliest, targets);
        assertThat(OffsetsSnapshot.total(earliest, targets)).isEqualTo(160);
        assertThat(midway.done()).isEqualTo(120);
        assertThat(midway.reachedTargets()).isFalse();

        var caughtUp = OffsetsSnapshot.of(PARTITIONS, Map.of(OBSERVATIONS_0, 118L, OBSERVATIONS_1, 60L, EVENTS_0, 10L),
                ends, earliest, earliest, targets);
        assertThat(caughtUp.done()).isEqualTo(160);
        assertThat(caughtUp.reachedTargets()).isTrue();
        assertThat(caughtUp.lag()).isEqualTo(4);
    }

    @Test
    void anEmptyPartitionIsReachedWithoutACommit() {
        var snapshot = OffsetsSnapshot.of(List.of(EVENTS_0), Map.of(), Map.of(EVENTS_0, 0L), Map.of(EVENTS_0, 0L),
                Map.of(EVENTS_0, 0L), Map.of(EVENTS_0, 0L));

        assertThat(snapshot.reachedTargets()).isTrue();
        assertThat(snapshot.lag()).isZero();
    }
}
