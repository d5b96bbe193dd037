package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.BOSTON_LOGAN;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.DULLES_RUNWAY_19C;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.OVER_DULLES;
import static dev.contrail.readmodels.flighttracking.FlightHistoryEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import dev.contrail.readmodels.flighttracking.FlightRecord.Status;
import dev.contrail.schemas.flighttracking.EmergencyKind;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of the flight-history read model, one event at a time. */
class FlightRecordTest {

    private final FlightHistoryEvents ual1744 = new FlightHistoryEvents("a1b2c3");

    @Test
    void aFlightDetectedOnTheGroundIsDetectedWhereItStands() {
        FlightRecord flight = apply(null, ual1744.detected(T0, "UAL1744", true, DULLES_RUNWAY_19C, "1200"));

        assertThat(flight.flightId()).isEqualTo("a1b2c3-" + T0.getEpochSecond());
        assertThat(flight.icao24()).isEqualTo("a1b2c3");
        assertThat(flight.callsign()).isEqualTo("UAL1744");
        assertThat(flight.status()).isEqualTo(Status.DETECTED);
        assertThat(flight.detectedAt()).isEqualTo(T0);
        assertThat(flight.detectedPosition()).isEqualTo(new Place(38.9445, -77.4558, null, null));
        assertThat(flight.tookOffAt()).isNull();
        assertThat(flight.lastActivityAt()).isEqualTo(T0);
        assertThat(flight.lastSequence()).isZero();
    }

    @Test
    void aFlightDetectedInTheAirIsAirborne() {
        FlightRecord flight = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));

        assertThat(flight.status()).isEqualTo(Status.AIRBORNE);
        assertThat(flight.detectedPosition()).isEqualTo(new Place(38.8778, -77.3974, 7010.4, 7010.4 - 350.52));
    }

    @Test
    void aTakeOffMakesTheFlightAirborneAndKeepsWhereAndWhen() {
        FlightRecord detected = apply(null, ual1744.detected(T0, "UAL1744", true, DULLES_RUNWAY_19C, "1200"));

        FlightRecord flight = apply(detected, ual1744.tookOff(T0.plusSeconds(300), DULLES_RUNWAY_19C));

        assertThat(flight.flightId()).isEqualTo(detected.flightId());
        assertThat(flight.status()).isEqualTo(Status.AIRBORNE);
        assertThat(flight.tookOffAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(flight.tookOffPosition()).isEqualTo(detected.detectedPosition());
        assertThat(flight.detectedAt()).isEqualTo(T0);
        assertThat(flight.lastActivityAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(flight.lastSequence()).isEqualTo(1);
    }

    @Test
    void aCallsignChangeKeepsTheLatestCallsign() {
        FlightRecord detected = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));

        FlightRecord flight = apply(detected, ual1744.callsignChanged(T0.plusSeconds(60), "UAL1744", "UAL1745"));

        assertThat(flight.callsign()).isEqualTo("UAL1745");
        assertThat(flight.lastActivityAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aLandingEndsTheFlightWhereItTouchedDown() {
        FlightRecord airborne = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));

        FlightRecord flight = apply(airborne, ual1744.landed(T0.plusSeconds(3600), BOSTON_LOGAN));

        assertThat(flight.status()).isEqualTo(Status.LANDED);
        assertThat(flight.landedAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(flight.landedPosition()).isEqualTo(new Place(42.3656, -71.0096, null, null));
    }

    @Test
    void aTakeOffAfterALandingBeginsTheNextFlightUnderTheSameCallsign() {
        FlightRecord first = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));
        first = apply(first, ual1744.callsignChanged(T0.plusSeconds(60), "UAL1744", "UAL1745"));
        first = apply(first, ual1744.landed(T0.plusSeconds(3600), BOSTON_LOGAN));

        FlightTrackingEvent tookOff = ual1744.tookOff(T0.plusSeconds(7200), BOSTON_LOGAN);
        FlightRecord next = FlightRecord.after(null, tookOff, first).orElseThrow();

        assertThat(next.flightId()).isEqualTo("a1b2c3-" + T0.plusSeconds(7200).getEpochSecond()).isNotEqualTo(first.flightId());
        assertThat(next.callsign()).isEqualTo("UAL1745");
        assertThat(next.status()).isEqualTo(Status.AIRBORNE);
        assertThat(next.detectedAt()).as("known from its take-off").isEqualTo(T0.plusSeconds(7200));
        assertThat(next.detectedPosition()).isEqualTo(next.tookOffPosition()).isEqualTo(first.landedPosition());
        assertThat(next.tookOffAt()).isEqualTo(T0.plusSeconds(7200));
        assertThat(next.landedAt()).isNull();
    }

    @Test
    void aFlightLostInTheAirIsLostWithItsLastContact() {
        FlightRecord airborne = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));

        FlightRecord flight = apply(airborne, ual1744.lost(T0.plusSeconds(900), T0.plusSeconds(300), OVER_DULLES, false));

        assertThat(flight.status()).isEqualTo(Status.LOST);
        assertThat(flight.lostAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(flight.lastContactAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(flight.lostPosition()).isEqualTo(airborne.detectedPosition());
        assertThat(flight.lastActivityAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void aLandedFlightLostOnTheGroundStaysLanded() {
        FlightRecord flight = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));
        flight = apply(flight, ual1744.landed(T0.plusSeconds(3600), BOSTON_LOGAN));

        flight = apply(flight, ual1744.lost(T0.plusSeconds(5400), T0.plusSeconds(3700), BOSTON_LOGAN, true));

        assertThat(flight.status()).isEqualTo(Status.LANDED);
        assertThat(flight.lostAt()).isEqualTo(T0.plusSeconds(5400));
    }

    @Test
    void positionsSquawksAndEmergenciesAreActivityOnly() {
        FlightRecord detected = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));

        FlightRecord flight = apply(detected, ual1744.positionReported(T0.plusSeconds(30), OVER_DULLES));
        flight = apply(flight, ual1744.squawkChanged(T0.plusSeconds(60), "1200", "7700"));
        flight = apply(flight, ual1744.emergencyDeclared(T0.plusSeconds(60), EmergencyKind.GENERAL_EMERGENCY, "7700", OVER_DULLES));
        flight = apply(flight, ual1744.emergencyCleared(T0.plusSeconds(90), EmergencyKind.GENERAL_EMERGENCY, "1200"));

        assertThat(flight).usingRecursiveComparison().ignoringFields("lastActivityAt", "lastSequence").isEqualTo(detected);
        assertThat(flight.lastActivityAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(flight.lastSequence()).isEqualTo(4);
    }

    @Test
    void anEventTheFlightHasAlreadyAppliedChangesNothing() {
        FlightRecord detected = apply(null, ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200"));
        FlightTrackingEvent renamed = ual1744.callsignChanged(T0.plusSeconds(60), "UAL1744", "UAL1745");
        FlightRecord flight = apply(detected, renamed);
        FlightRecord landed = apply(flight, ual1744.landed(T0.plusSeconds(3600), BOSTON_LOGAN));

        assertThat(FlightRecord.after(landed, renamed, null)).as("older").isEmpty();
        assertThat(FlightRecord.after(flight, renamed, null)).as("the same").isEmpty();
    }

    @Test
    void aSecondDetectionOfADetectedFlightChangesNothing() {
        FlightTrackingEvent detection = ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200");
        FlightRecord detected = apply(null, detection);
        FlightTrackingEvent again = FlightTrackingEvent.newBuilder(detection).setSequence(5).build();

        assertThat(FlightRecord.after(detected, again, null)).isEmpty();
    }

    @Test
    void anEventOfAFlightThatNeverStartedChangesNothing() {
        ual1744.detected(T0, "UAL1744", false, OVER_DULLES, "1200");

        assertThat(FlightRecord.after(null, ual1744.landed(T0.plusSeconds(3600), BOSTON_LOGAN), null)).isEmpty();
    }

    private static FlightRecord apply(FlightRecord flight, FlightTrackingEvent event) {
        Optional<FlightRecord> next = FlightRecord.after(flight, event, null);
        assertThat(next).as("the event changes the flight").isPresent();
        return next.get();
    }
}
