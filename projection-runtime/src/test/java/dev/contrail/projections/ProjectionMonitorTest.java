package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.readmodels.projection.ProjectionDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ProjectionMonitorTest {

    private static final TopicPartition OBSERVATIONS = new TopicPartition("flight-tracking.observations", 0);
    private static final TopicPartition EVENTS = new TopicPartition("flight-tracking.events", 0);

    /** Offsets as a broker would give them, and the groups asked for. */
    private static final class Offsets implements OffsetsSource {
        final List<Collection<String>> askedGroups = new ArrayList<>();
        int described;

        @Override
        public List<TopicPartition> partitions(Collection<String> topics) {
            described++;
            return topics.stream().map(topic -> new TopicPartition(topic, 0)).toList();
        }

        @Override
        public Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions) {
            return Map.of(OBSERVATIONS, 1_000L, EVENTS, 50L);
        }

        @Override
        public Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) {
            return Map.of(OBSERVATIONS, 0L, EVENTS, 0L);
        }

        @Override
        public Map<String, Map<TopicPartition, Long>> committed(Collection<String> groups) {
            askedGroups.add(List.copyOf(groups));
            return Map.of("contrail-projection-flight-tracks-g3", Map.of(OBSERVATIONS, 990L),
                    "contrail-projection-flight-tracks-g4", Map.of(OBSERVATIONS, 200L),
                    "contrail-projection-emergencies-g1", Map.of(EVENTS, 50L));
        }

        @Override
        public void deleteApplication(String applicationId) {
        }
    }

    @Test
    void oneLookMeasuresEveryGenerationByItsOwnConsumerGroupOnItsOwnTopics() {
        var offsets = new Offsets();
        var monitor = new ProjectionMonitor(offsets);
        RunningProjection tracks = projection("flight-tracks", OBSERVATIONS.topic());
        tracks.serving = ProjectionMetricsTest.generation(3, true);
        tracks.rebuilding = ProjectionMetricsTest.generation(4, false);
        RunningProjection emergencies = projection("emergencies", EVENTS.topic());
        emergencies.serving = new RunningGeneration(new Generation("emergencies", 1, 1, Generation.State.SERVING, "proj_emergencies_g1",
                "contrail-projection-emergencies-g1", java.time.Instant.EPOCH, null, null, null),
                new GenerationDataSource(new com.zaxxer.hikari.HikariDataSource()), true);

        var look = monitor.look(List.of(tracks, emergencies));
        look.measure(tracks);
        look.measure(emergencies);

        assertThat(offsets.askedGroups).singleElement().satisfies(groups -> assertThat(groups).containsExactlyInAnyOrder(
                "contrail-projection-flight-tracks-g3", "contrail-projection-flight-tracks-g4", "contrail-projection-emergencies-g1"));
        assertThat(tracks.serving.progress.lag()).isEqualTo(10);
        assertThat(tracks.rebuilding.progress.lag()).isEqualTo(800);
        assertThat(tracks.rebuilding.progress.partitions()).singleElement()
                .satisfies(partition -> assertThat(partition.topic()).isEqualTo(OBSERVATIONS.topic()));
        assertThat(emergencies.serving.progress.lag()).isZero();
        assertThat(emergencies.serving.progress.processed()).isEqualTo(50);

        monitor.look(List.of(tracks, emergencies));
        assertThat(offsets.described).as("partitions are read once per projection").isEqualTo(2);
    }

    private static RunningProjection projection(String name, String topic) {
        return new RunningProjection(new ProjectionDefinition(name, 1, List.of(topic), List.of("t"), (builder, generation) -> { }));
    }
}
