package dev.contrail.benchmarks.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedAircraftTest {

    private static final AirportPicker AIRPORTS = new AirportPicker(Airports.bundled());
    private static final double STEP_S = 5;

    @Test
    void aFlightGoesThroughEveryPhaseInOrderAndLandsAtItsDestination() {
        int completeFlights = 0;
        for (int seed = 0; seed < 40; seed++) {
            var aircraft = new SimulatedAircraft(new SplittableRandom(seed), AIRPORTS);
            // Wait for a fresh departure, so that the whole of one flight is seen.
            advanceUntil(aircraft, FlightPhase.TAXI_OUT, 4 * 24 * 3600);
            Airport origin = aircraft.origin();
            Airport destination = aircraft.destination();
            List<FlightPhase> phases = new ArrayList<>(List.of(FlightPhase.TAXI_OUT));
            double maxAltitude = 0;
            double maxSpeed = 0;
            for (int step = 0; step < 24 * 3600 / STEP_S && aircraft.phase() != FlightPhase.PARKED; step++) {
                aircraft.advance(STEP_S);
                if (phases.get(phases.size() - 1) != aircraft.phase()) {
                    phases.add(aircraft.phase());
                }
                maxAltitude = Math.max(maxAltitude, aircraft.altitudeM());
                maxSpeed = Math.max(maxSpeed, aircraft.speedMps());
                if (aircraft.phase() == FlightPhase.LANDING_ROLL) {
                    assertThat(aircraft.latitude()).isEqualTo(destination.latitude());
                    assertThat(aircraft.longitude()).isEqualTo(destination.longitude());
                    assertThat(aircraft.altitudeM()).isEqualTo(destination.elevationM());
                }
            }
            assertThat(phases).as("flight %s → %s", origin.ident(), destination.ident())
                    .containsSubsequence(FlightPhase.TAXI_OUT, FlightPhase.TAKEOFF_ROLL, FlightPhase.CLIMB, FlightPhase.DESCENT,
                            FlightPhase.LANDING_ROLL, FlightPhase.TAXI_IN, FlightPhase.PARKED)
                    .doesNotHaveDuplicates();
            assertThat(maxAltitude).isBetween(3_000.0, 11_000.0);
            assertThat(maxSpeed).isBetween(150.0, 250.0);
            if (phases.contains(FlightPhase.CRUISE)) {
                assertThat(maxAltitude).isGreaterThanOrEqualTo(10_000);
                assertThat(maxSpeed).isGreaterThanOrEqualTo(230);
            }
            // Parked at the destination, which is the next flight's origin.
            assertThat(aircraft.origin()).isEqualTo(destination);
            assertThat(aircraft.latitude()).isEqualTo(destination.latitude());
            completeFlights++;
        }
        assertThat(completeFlights).isEqualTo(40);
    }

    @Test
    void climbAndDescentRatesAreRealistic() {
        for (int seed = 100; seed < 120; seed++) {
            var aircraft = new SimulatedAircraft(new SplittableRandom(seed), AIRPORTS);
            for (int step = 0; step < 6 * 3600 / STEP_S; step++) {
                aircraft.advance(STEP_S);
                switch (aircraft.phase()) {
                    case CLIMB -> assertThat(aircraft.verticalRateMps()).isBetween(9.0, 11.0);
                    case CRUISE -> assertThat(aircraft.verticalRateMps()).isZero();
                    case DESCENT -> assertThat(aircraft.verticalRateMps()).isBetween(-25.0, 0.0);
                    default -> assertThat(aircraft.onGround()).isTrue();
                }
            }
        }
    }

    @Test
    void routesAreBetweenDistinctAirportsAtAirlinerDistances() {
        for (int seed = 0; seed < 200; seed++) {
            var aircraft = new SimulatedAircraft(new SplittableRandom(seed), AIRPORTS);
            double route = GreatCircle.distanceM(aircraft.origin().latitude(), aircraft.origin().longitude(),
                    aircraft.destination().latitude(), aircraft.destination().longitude());
            assertThat(aircraft.destination()).isNotEqualTo(aircraft.origin());
            assertThat(route).isBetween(SimulatedAircraft.MIN_ROUTE_M, SimulatedAircraft.MAX_ROUTE_M);
        }
    }

    @Test
    void theSameRandomStreamFliesTheSameFlight() {
        var one = new SimulatedAircraft(new SplittableRandom(5), AIRPORTS);
        var two = new SimulatedAircraft(new SplittableRandom(5), AIRPORTS);
        for (int step = 0; step < 2_000; step++) {
            one.advance(STEP_S);
            two.advance(STEP_S);
        }
        assertThat(two.latitude()).isEqualTo(one.latitude());
        assertThat(two.altitudeM()).isCloseTo(one.altitudeM(), within(0.0));
    }

    private static void advanceUntil(SimulatedAircraft aircraft, FlightPhase phase, int maxSeconds) {
        for (int t = 0; t < maxSeconds && aircraft.phase() != phase; t += STEP_S) {
            aircraft.advance(STEP_S);
        }
        assertThat(aircraft.phase()).isEqualTo(phase);
    }
}
