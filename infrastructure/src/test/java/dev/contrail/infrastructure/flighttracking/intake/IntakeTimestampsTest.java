package dev.contrail.infrastructure.flighttracking.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The intake's stream time, and the timestamps of its changelogs, follow the observations' times — but never further
 * ahead of the clock than refinement lets a state vector be (issue 13: Kafka refuses a record timestamp an hour ahead).
 */
class IntakeTimestampsTest {

    private static final long NOW = Instant.parse("2026-12-07T06:00:00Z").toEpochMilli();

    @Test
    void anObservationIsTimedWhenItWasObserved() {
        assertThat(IntakeTopology.observedAtWithinTheClock(observedAt(NOW - 5_000), NOW - 1_000, NOW)).isEqualTo(NOW - 5_000);
        assertThat(IntakeTopology.observedAtWithinTheClock(observedAt(NOW + 60_000), NOW, NOW)).isEqualTo(NOW + 60_000);
    }

    @Test
    void anObservationFromTheFutureIsTimedWhenItWasWritten() {
        // Refined before refinement bounded the times: two hours ahead, as in issue 13.
        assertThat(IntakeTopology.observedAtWithinTheClock(observedAt(NOW + 7_200_000), NOW - 1_000, NOW)).isEqualTo(NOW - 1_000);
        // Written by a producer whose clock is ahead: no later than the tolerance.
        assertThat(IntakeTopology.observedAtWithinTheClock(observedAt(NOW + 7_200_000), NOW + 3_000_000, NOW)).isEqualTo(NOW + 60_000);
    }

    private static AircraftObservation observedAt(long epochMilli) {
        return AircraftObservation.newBuilder().setIcao24("a65527").setObservedAt(Instant.ofEpochMilli(epochMilli))
                .setOnGround(false).setSource("test").build();
    }
}
