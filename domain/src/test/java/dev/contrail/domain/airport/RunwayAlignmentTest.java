package dev.contrail.domain.airport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airport.Attribution.Attributed;
import dev.contrail.domain.airport.Attribution.NotAttributed;
import dev.contrail.domain.airport.Attribution.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runway from the approach and the climb (ADR 0023), and the landing refused from high up (ADR 0022). */
class RunwayAlignmentTest {

    private static final List<AirportDetails> AROUND_DULLES = List.of(Airports.KIAD, Airports.KDCA);

    /** JZA616 (c00b98) in the bundled capture: its last airborne reports, then one report on the ground, turning off. */
    private static final List<AircraftFix> JZA616_FINAL_APPROACH = List.of(
            new AircraftFix(38.9287, -77.4390, 190.5, 152.4, 57.99, 291.33),
            new AircraftFix(38.9307, -77.4457, 160.02, 121.92, 58.77, 290.5),
            new AircraftFix(38.9325, -77.4523, 129.54, 99.06, 61.05, 290.73),
            new AircraftFix(38.9344, -77.4585, 91.44, 60.96, 60.09, 291.07),
            new AircraftFix(38.9358, -77.4634, 83.82, 53.34, 51.42, 289.89),
            new AircraftFix(38.9362, -77.4649, 83.82, 45.72, 63.44, 292.41));
    private static final AircraftFix JZA616_TURNING_OFF = new AircraftFix(38.9398, -77.4727, null, null, 8.23, 320.62);

    @Test
    void anArrivalFirstSeenOnTheGroundTurningOffGetsTheRunwayOfItsFinalApproach() {
        // Before ADR 0023 this was attributed to KIAD with no runway: "too slow for its track to tell the runway".
        assertThat(MovementAttribution.attribute(MovementKind.ARRIVAL, JZA616_TURNING_OFF, JZA616_FINAL_APPROACH, AROUND_DULLES))
                .isInstanceOfSatisfying(Attributed.class, a -> {
                    assertThat(a.airportIdent()).isEqualTo("KIAD");
                    assertThat(a.runway()).isEqualTo("30");
                    assertThat(a.runwayNote()).contains("final approach aligned with runway 30");
                });
    }

    @Test
    void withoutItsApproachTheSameArrivalFallsBackOnItsFixAndGetsNoRunway() {
        assertThat(MovementAttribution.attribute(MovementKind.ARRIVAL, JZA616_TURNING_OFF, List.of(), AROUND_DULLES))
                .isInstanceOfSatisfying(Attributed.class, a -> {
                    assertThat(a.runway()).isNull();
                    assertThat(a.runwayNote()).contains("too slow");
                });
    }

    @Test
    void theApproachToTheOppositeEndIsNotAnApproachToThisOne() {
        // The same positions flown the other way (eastbound) would approach runway 12 from the west, not land on 30:
        // they lie beyond 30's far end, so no end aligns and the fix decides.
        List<AircraftFix> eastbound = JZA616_FINAL_APPROACH.stream()
                .map(f -> new AircraftFix(f.latitude(), f.longitude(), f.barometricAltitudeM(), f.geometricAltitudeM(), f.groundSpeedMps(), 110.9))
                .toList();
        assertThat(RunwayAlignment.runwayEnd(MovementKind.ARRIVAL, eastbound, Airports.KIAD.runways()))
                .hasValueSatisfying(a -> assertThat(a.end().designator()).isEqualTo("12"));
        assertThat(RunwayAlignment.runwayEnd(MovementKind.ARRIVAL, JZA616_FINAL_APPROACH, Airports.KIAD.runways()))
                .hasValueSatisfying(a -> assertThat(a.end().designator()).isEqualTo("30"));
    }

    @Test
    void aDepartureGetsTheRunwayOfItsTakeOffRollAndClimbEvenWhenItsLiftOffFixSaysNothing() {
        // UAL1101 (a448d7): its roll along 30, then a lift-off fix whose track (made up here) crosses every runway.
        List<AircraftFix> rollAndClimb = List.of(
                new AircraftFix(38.9344, -77.4587, null, null, 23.66, 292.5),
                new AircraftFix(38.9346, -77.4593, null, null, 29.32, 292.5),
                new AircraftFix(38.9349, -77.4602, null, null, 34.98, 292.5),
                new AircraftFix(38.9357, -77.4631, 91.44, 60.96, 53.23, 290.36),
                new AircraftFix(38.9366, -77.4659, 91.44, 60.96, 60.57, 290.9));
        var liftOff = new AircraftFix(38.9350, -77.4608, 91.44, null, 40.7, 240.0);
        assertThat(MovementAttribution.attribute(liftOff, AROUND_DULLES)).isInstanceOfSatisfying(Attributed.class,
                a -> assertThat(a.runway()).isNull());
        assertThat(MovementAttribution.attribute(MovementKind.DEPARTURE, liftOff, rollAndClimb, AROUND_DULLES))
                .isInstanceOfSatisfying(Attributed.class, a -> {
                    assertThat(a.runway()).isEqualTo("30");
                    assertThat(a.runwayNote()).contains("take-off roll and climb");
                });
    }

    @Test
    void aDepartureClimbingOutNorthboundFromTheCentreRunwayIs01CNotItsParallels() {
        List<AircraftFix> climb = List.of(
                new AircraftFix(38.9500, -77.4596, null, null, 60.0, 0.9),
                new AircraftFix(38.9650, -77.4594, 150.0, null, 75.0, 0.9),
                new AircraftFix(38.9850, -77.4590, 400.0, null, 85.0, 0.9),
                new AircraftFix(39.0050, -77.4587, 700.0, null, 95.0, 0.9));
        assertThat(RunwayAlignment.runwayEnd(MovementKind.DEPARTURE, climb, Airports.KIAD.runways()))
                .hasValueSatisfying(a -> {
                    assertThat(a.end().designator()).isEqualTo("01C");
                    assertThat(a.points()).isEqualTo(4);
                });
    }

    @Test
    void aTrackThatFollowsNoCentrelineAlignsWithNoRunway() {
        List<AircraftFix> crossing = List.of(
                new AircraftFix(38.9300, -77.4700, 300.0, null, 60.0, 45.0),
                new AircraftFix(38.9350, -77.4630, 250.0, null, 60.0, 45.0),
                new AircraftFix(38.9400, -77.4560, 200.0, null, 60.0, 45.0));
        assertThat(RunwayAlignment.runwayEnd(MovementKind.ARRIVAL, crossing, Airports.KIAD.runways())).isEmpty();
    }

    @Test
    void oneAlignedPositionIsNotEnough() {
        assertThat(RunwayAlignment.runwayEnd(MovementKind.ARRIVAL, JZA616_FINAL_APPROACH.subList(5, 6), Airports.KIAD.runways())).isEmpty();
    }

    @Test
    void aLandingReportedOnTheGroundFromHighAboveTheFieldIsNotALanding() {
        // A one-report on_ground flicker from an aircraft 400 m (GNSS) above Dulles: before ADR 0022 only 600 m was refused.
        var gnss = new AircraftFix(38.9344, -77.4585, null, 95.1 + 400, 60.0, 290.0);
        assertThat(MovementAttribution.attribute(MovementKind.ARRIVAL, gnss, List.of(), AROUND_DULLES))
                .isInstanceOfSatisfying(NotAttributed.class, n -> {
                    assertThat(n.reason()).isEqualTo(Reason.TOO_HIGH);
                    assertThat(n.detail()).contains("GNSS");
                });
        var barometric = new AircraftFix(38.9344, -77.4585, 95.1 + 350, null, 60.0, 290.0);
        assertThat(MovementAttribution.attribute(MovementKind.ARRIVAL, barometric, List.of(), AROUND_DULLES))
                .isInstanceOfSatisfying(NotAttributed.class, n -> assertThat(n.reason()).isEqualTo(Reason.TOO_HIGH));
    }

    @Test
    void aLandingWithinTheAltimetersAndGnssTolerancesIsALanding() {
        // Dulles' real ground and touchdown reports: GNSS 35 m below the field (the geoid), barometric up to 10 m off.
        var gnss = new AircraftFix(38.9344, -77.4585, 91.44, 60.96, 40.0, 290.7);
        var barometric = new AircraftFix(38.9344, -77.4585, 95.1 + 250, null, 40.0, 290.7);
        assertThat(MovementAttribution.attribute(MovementKind.ARRIVAL, gnss, List.of(), AROUND_DULLES)).isInstanceOf(Attributed.class);
        assertThat(MovementAttribution.attribute(MovementKind.ARRIVAL, barometric, List.of(), AROUND_DULLES)).isInstanceOf(Attributed.class);
    }
}
