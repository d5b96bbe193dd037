package dev.contrail.domain.flighttracking;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AircraftTest {

    private static final Icao24 NKS2003 = Icao24.of("a65527");
    private static final Instant T0 = Instant.ofEpochSecond(1_678_803_647);
    private static final Position OVER_DULLES = new Position(38.8778, -77.3974, 7010.4, 6659.88);
    private static final Position FURTHER_SOUTH = new Position(38.8610, -77.4100, 6980.0, 6630.0);

    private AggregateTestFixture<Aircraft> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Aircraft.class);
    }

    @Test
    void firstObservationOfAnAircraftStartsAFlight() {
        fixture.givenNoPriorActivity()
                .when(new RecordObservation(observation(T0, OVER_DULLES, false)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FlightDetected("a65527", "a65527-1678803647", T0, "NKS2003", "United States",
                        OVER_DULLES, false, 187.84, 208.46, 0.0, "0260"));
    }

    @Test
    void aNewerObservationAtAnotherPlaceReportsThePosition() {
        fixture.given(detected())
                .when(new RecordObservation(observation(T0.plusSeconds(5), FURTHER_SOUTH, false)))
                .expectEvents(new PositionReported("a65527", "a65527-1678803647", T0.plusSeconds(5),
                        FURTHER_SOUTH, false, 187.84, 208.46, 0.0));
    }

    @Test
    void aRepeatedSnapshotChangesNothing() {
        fixture.given(detected())
                .when(new RecordObservation(observation(T0, FURTHER_SOUTH, false)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anObservationOlderThanTheLastAcceptedOneIsIgnored() {
        fixture.given(detected())
                .when(new RecordObservation(observation(T0.minusSeconds(10), FURTHER_SOUTH, false)))
                .expectNoEvents();
    }

    @Test
    void aNewerObservationAtTheSamePlaceReportsNothing() {
        fixture.given(detected())
                .when(new RecordObservation(observation(T0.plusSeconds(5), OVER_DULLES, false)))
                .expectNoEvents();
    }

    @Test
    void anObservationWithoutPositionKeepsTheLastKnownPositionWhenTheGroundStateChanges() {
        fixture.given(detected())
                .when(new RecordObservation(observation(T0.plusSeconds(5), null, true)))
                .expectEvents(new PositionReported("a65527", "a65527-1678803647", T0.plusSeconds(5),
                        OVER_DULLES, true, 187.84, 208.46, 0.0));
    }

    private static FlightDetected detected() {
        return new FlightDetected("a65527", "a65527-1678803647", T0, "NKS2003", "United States",
                OVER_DULLES, false, 187.84, 208.46, 0.0, "0260");
    }

    private static Observation observation(Instant at, Position position, boolean onGround) {
        return new Observation(NKS2003, at, "NKS2003", "United States", position, onGround, 187.84, 208.46, 0.0, "0260");
    }
}
