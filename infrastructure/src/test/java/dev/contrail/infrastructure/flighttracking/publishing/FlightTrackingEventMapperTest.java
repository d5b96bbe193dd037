package dev.contrail.infrastructure.flighttracking.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.flighttracking.GroundStateFlickered;
import dev.contrail.domain.flighttracking.Landed;
import dev.contrail.domain.flighttracking.LiftOffReported;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.TookOff;
import dev.contrail.domain.flighttracking.TouchdownReported;
import dev.contrail.domain.flighttracking.TrackPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's v3: take-offs and landings carry their track; the ground-state bookkeeping stays inside the context. */
class FlightTrackingEventMapperTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_678_804_743);
    private static final Position ON_RUNWAY = new Position(38.9398, -77.4727, null, null);
    private static final List<TrackPoint> APPROACH = List.of(
            new TrackPoint(T0.minusSeconds(60), new Position(38.9287, -77.4390, 190.5, 152.4), false, 57.99, 291.33),
            new TrackPoint(T0.minusSeconds(50), new Position(38.9307, -77.4457, 160.02, 121.92), false, 58.77, 290.5));

    @Test
    void aLandingAndItsApproachSurviveTheRoundTrip() {
        var landed = new Landed("c00b98", "c00b98-1678803700", T0, ON_RUNWAY, 8.23, 320.62, APPROACH);
        var published = FlightTrackingEventMapper.toIntegrationEvent(landed, "e1", 7).orElseThrow();
        assertThat(FlightTrackingEventMapper.toDomainEvent(published)).isEqualTo(landed);
    }

    @Test
    void aTakeOffAndItsRollAndClimbSurviveTheRoundTrip() {
        var tookOff = new TookOff("a448d7", "a448d7-1678804141", T0, ON_RUNWAY, 40.7, 290.73, null, APPROACH);
        var published = FlightTrackingEventMapper.toIntegrationEvent(tookOff, "e2", 8).orElseThrow();
        assertThat(FlightTrackingEventMapper.toDomainEvent(published)).isEqualTo(tookOff);
    }

    @Test
    void reportedAndFlickeredChangesOfGroundStateAreNotPublished() {
        assertThat(FlightTrackingEventMapper.toIntegrationEvent(
                new TouchdownReported("c00b98", "f", T0, ON_RUNWAY, 60.0, 290.0, APPROACH), "e3", 9)).isEmpty();
        assertThat(FlightTrackingEventMapper.toIntegrationEvent(
                new LiftOffReported("c00b98", "f", T0, ON_RUNWAY, 60.0, 290.0, List.of()), "e4", 10)).isEmpty();
        assertThat(FlightTrackingEventMapper.toIntegrationEvent(new GroundStateFlickered("c00b98", "f", T0, true, T0.plusSeconds(5)), "e5", 11))
                .isEmpty();
    }
}
