package dev.contrail.infrastructure.airport.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airport.AircraftFix;
import dev.contrail.domain.airport.MovementKind;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.TrackPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlightTrackingTranslatorTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_678_804_743);

    @Test
    void aLandingIsAnArrivalWithItsApproach() {
        var landed = Landed.newBuilder()
                .setPosition(Position.newBuilder().setLatitude(38.9398).setLongitude(-77.4727).build())
                .setGroundSpeedMps(8.23).setTrackDeg(320.62)
                .setTrack(List.of(TrackPoint.newBuilder().setObservedAt(T0.minusSeconds(40))
                        .setPosition(Position.newBuilder().setLatitude(38.9362).setLongitude(-77.4649).setBarometricAltitudeM(83.82)
                                .setGeometricAltitudeM(45.72).build())
                        .setOnGround(false).setGroundSpeedMps(63.44).setTrackDeg(292.41).build()))
                .build();
        var event = FlightTrackingEvent.newBuilder().setEventId("e").setIcao24("c00b98").setFlightId("c00b98-1678803700").setSequence(3)
                .setOccurredAt(T0).setPayload(landed).build();

        assertThat(FlightTrackingTranslator.movement(event, "JZA616")).hasValueSatisfying(movement -> {
            assertThat(movement.kind()).isEqualTo(MovementKind.ARRIVAL);
            assertThat(movement.fix()).isEqualTo(new AircraftFix(38.9398, -77.4727, null, null, 8.23, 320.62));
            assertThat(movement.track()).containsExactly(new AircraftFix(38.9362, -77.4649, 83.82, 45.72, 63.44, 292.41));
        });
    }

    @Test
    void aLandingPublishedBeforeTracksExistedHasNone() {
        var event = FlightTrackingEvent.newBuilder().setEventId("e").setIcao24("c00b98").setFlightId("f").setSequence(3).setOccurredAt(T0)
                .setPayload(Landed.newBuilder().setPosition(Position.newBuilder().setLatitude(38.9398).setLongitude(-77.4727).build()).build())
                .build();
        assertThat(FlightTrackingTranslator.movement(event, null)).hasValueSatisfying(movement -> assertThat(movement.track()).isEmpty());
    }
}
