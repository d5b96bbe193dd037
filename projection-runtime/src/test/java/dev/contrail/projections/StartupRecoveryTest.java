package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.projections.Generation.State;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartupRecoveryTest {

    private static final Generation SERVING = generation(3, State.SERVING);
    private static final Generation REBUILDING = generation(4, State.REBUILDING);

    @Test
    void aProjectionSeenForTheFirstTimeGetsAFirstGeneration() {
        var plan = StartupRecovery.plan(Optional.empty(), Optional.empty(), schema -> true);

        assertThat(plan.createsFirst()).isTrue();
        assertThat(plan.interrupted()).isEmpty();
        assertThat(plan.lost()).isEmpty();
    }

    @Test
    void aServingGenerationWhoseSchemaExistsKeepsServing() {
        var plan = StartupRecovery.plan(Optional.empty(), Optional.of(SERVING), Set.of(SERVING.schema())::contains);

        assertThat(plan.createsFirst()).isFalse();
        assertThat(plan.serving()).contains(SERVING);
        assertThat(plan.lost()).isEmpty();
    }

    @Test
    void aRebuildInterruptedByAStopIsDiscardedAndTheServingGenerationKeepsServing() {
        var plan = StartupRecovery.plan(Optional.of(REBUILDING), Optional.of(SERVING), Set.of(SERVING.schema(), REBUILDING.schema())::contains);

        assertThat(plan.interrupted()).contains(REBUILDING);
        assertThat(plan.serving()).contains(SERVING);
        assertThat(plan.createsFirst()).isFalse();
    }

    @Test
    void aServingGenerationWhoseSchemaIsGoneIsReplacedByAFirstGenerationBuiltFromTheTopics() {
        var plan = StartupRecovery.plan(Optional.of(REBUILDING), Optional.of(SERVING), Set.of(REBUILDING.schema())::contains);

        assertThat(plan.lost()).contains(SERVING);
        assertThat(plan.interrupted()).contains(REBUILDING);
        assertThat(plan.serving()).isEmpty();
        assertThat(plan.createsFirst()).isTrue();
    }

    private static Generation generation(int number, State state) {
        return new Generation("flight-tracks", number, 2, state, "proj_flight_tracks_g" + number,
                "contrail-projection-flight-tracks-g" + number, Instant.EPOCH, null, null, null);
    }
}
