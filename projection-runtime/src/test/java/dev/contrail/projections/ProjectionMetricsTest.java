package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.projections.Generation.State;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ProjectionMetricsTest {

    private static final TopicPartition OBSERVATIONS = new TopicPartition("flight-tracking.observations", 0);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProjectionMetrics metrics = new ProjectionMetrics(meters);
    private final RunningProjection tracks = new RunningProjection(new ProjectionDefinition("flight-tracks", 2,
            List.of(OBSERVATIONS.topic()), List.of("track_point"), (builder, generation) -> { }));

    @Test
    void lagIsMeasuredPerGenerationAndTheRebuildsGaugesAreNaNWhileNothingRebuilds() {
        metrics.register(tracks);
        tracks.serving = generation(3, true);
        tracks.serving.progress.measure(List.of(OBSERVATIONS), Map.of(OBSERVATIONS, 90L), Map.of(OBSERVATIONS, 100L),
                Map.of(OBSERVATIONS, 0L), 0);

        assertThat(gauge("contrail.projection.lag", "generation", "serving")).isEqualTo(10.0);
        assertThat(gauge("contrail.projection.lag", "generation", "rebuilding")).isNaN();
        assertThat(meters.get("contrail.projection.rebuild.events.total").gauge().value()).isNaN();

        tracks.rebuilding = generation(4, false);
        tracks.rebuilding.progress.rebuildFrom(Map.of(OBSERVATIONS, 0L), Map.of(OBSERVATIONS, 100L));
        tracks.rebuilding.progress.measure(List.of(OBSERVATIONS), Map.of(OBSERVATIONS, 40L), Map.of(OBSERVATIONS, 100L),
                Map.of(OBSERVATIONS, 0L), 0);

        assertThat(gauge("contrail.projection.lag", "generation", "rebuilding")).isEqualTo(60.0);
        assertThat(meters.get("contrail.projection.rebuild.events.done").gauge().value()).isEqualTo(40.0);
        assertThat(meters.get("contrail.projection.rebuild.events.total").gauge().value()).isEqualTo(100.0);
    }

    @Test
    void rebuildsAreCountedByOutcome() {
        metrics.rebuildEnded("flight-tracks", "switched");
        metrics.rebuildEnded("flight-tracks", "switched");
        metrics.rebuildEnded("flight-tracks", "cancelled");

        assertThat(meters.get("contrail.projection.rebuilds").tags("projection", "flight-tracks", "outcome", "switched").counter().count())
                .isEqualTo(2.0);
        assertThat(meters.get("contrail.projection.rebuilds").tags("outcome", "cancelled").counter().count()).isEqualTo(1.0);
    }

    private double gauge(String name, String tag, String value) {
        return meters.get(name).tags("projection", "flight-tracks", tag, value).gauge().value();
    }

    static RunningGeneration generation(int number, boolean serving) {
        var record = new Generation("flight-tracks", number, 2, serving ? State.SERVING : State.REBUILDING,
                "proj_flight_tracks_g" + number, "contrail-projection-flight-tracks-g" + number, Instant.EPOCH, null, null, null);
        return new RunningGeneration(record, new GenerationDataSource(new com.zaxxer.hikari.HikariDataSource()), serving);
    }
}
