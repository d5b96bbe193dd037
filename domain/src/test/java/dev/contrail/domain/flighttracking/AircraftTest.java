package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of the Aircraft aggregate, given/when/then. Values are from the bundled Dulles capture. */
class AircraftTest {

    private static final String ICAO24 = "a65527";
    private static final Instant T0 = Instant.ofEpochSecond(1_678_803_647);
    private static final String FLIGHT = "a65527-1678803647";
    private static final Position OVER_DULLES = new Position(38.8778, -77.3974, 7010.4, 6659.88);
    private static final Position FURTHER_SOUTH = new Position(38.8610, -77.4100, 6980.0, 6630.0);
    private static final Position RUNWAY_19C = new Position(38.9500, -77.4470, null, 95.0);

    private AggregateTestFixture<Aircraft> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Aircraft.class);
    }

    @Nested
    class Detection {

        @Test
        void theFirstObservationOfAnAircraftStartsAFlight() {
            fixture.givenNoPriorActivity()
                    .when(record(airborne(T0, OVER_DULLES)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new FlightDetected(ICAO24, FLIGHT, T0, "NKS2003", "United States", OVER_DULLES, false, 187.84,
                            208.46, 0.0, "0260"));
        }

        @Test
        void anAircraftFirstHeardSquawking7700StartsAFlightInEmergency() {
            fixture.givenNoPriorActivity()
                    .when(record(airborne(T0, OVER_DULLES).squawk("7700")))
                    .expectEvents(new FlightDetected(ICAO24, FLIGHT, T0, "NKS2003", "United States", OVER_DULLES, false, 187.84,
                                    208.46, 0.0, "7700"),
                            new EmergencyDeclared(ICAO24, FLIGHT, T0, EmergencyKind.GENERAL_EMERGENCY, "7700", OVER_DULLES));
        }

        @Test
        void anAircraftFirstHeardClaimingTheGroundWhileClimbingFastIsDetectedInTheAir() {
            // ADR 0022: such a report is a report in the air — also when it is the first one. Detected on the ground, the
            // aircraft's next real ground report would have been no change at all, and its landing lost.
            fixture.givenNoPriorActivity()
                    .when(record(onGround(T0, FURTHER_SOUTH).verticalRate(8.5)))
                    .expectEvents(new FlightDetected(ICAO24, FLIGHT, T0, "NKS2003", "United States", FURTHER_SOUTH, false, 70.0,
                            190.0, 8.5, "0260"));
        }

        @Test
        void anAircraftDetectedInTheAirDespiteAGroundClaimReportsItsTouchdown() {
            Instant at = T0.plusSeconds(10);
            fixture.given(new FlightDetected(ICAO24, FLIGHT, T0, "NKS2003", "United States", FURTHER_SOUTH, false, 70.0, 190.0, 8.5, "0260"))
                    .when(record(onGround(at, RUNWAY_19C)))
                    .expectEvents(new TouchdownReported(ICAO24, FLIGHT, at, RUNWAY_19C, 70.0, 190.0, List.of()));
        }

        @Test
        void anAircraftHeardAgainAfterItsFlightWasLostStartsANewFlight() {
            fixture.given(detected(), new FlightLost(ICAO24, FLIGHT, T0.plusSeconds(400), T0, OVER_DULLES, false))
                    .when(record(airborne(T0.plusSeconds(600), FURTHER_SOUTH)))
                    .expectEvents(new FlightDetected(ICAO24, "a65527-1678804247", T0.plusSeconds(600), "NKS2003", "United States",
                            FURTHER_SOUTH, false, 187.84, 208.46, 0.0, "0260"));
        }
    }

    @Nested
    class StaleAndRepeatedObservations {

        @Test
        void aRepeatedSnapshotChangesNothing() {
            fixture.given(detected())
                    .when(record(airborne(T0, FURTHER_SOUTH)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anObservationOlderThanTheLastAcceptedOneIsIgnored() {
            fixture.given(detected())
                    .when(record(airborne(T0.minusSeconds(10), FURTHER_SOUTH).squawk("7700")))
                    .expectNoEvents();
        }
    }

    @Nested
    class Positions {

        @Test
        void aPositionIsReportedOnceTheReportIntervalHasPassed() {
            Instant later = T0.plus(TrackingPolicy.POSITION_REPORT_INTERVAL);
            fixture.given(detected())
                    .when(record(airborne(later, FURTHER_SOUTH)))
                    .expectEvents(new PositionReported(ICAO24, FLIGHT, later, FURTHER_SOUTH, false, 187.84, 208.46, 0.0));
        }

        @Test
        void aPositionWithinTheReportIntervalStaysInTheObservationStream() {
            fixture.given(detected())
                    .when(record(airborne(T0.plusSeconds(5), FURTHER_SOUTH)))
                    .expectNoEvents();
        }

        @Test
        void anUnchangedPositionIsNotReportedAgain() {
            fixture.given(detected())
                    .when(record(airborne(T0.plusSeconds(60), OVER_DULLES)))
                    .expectNoEvents();
        }
    }

    @Nested
    class CallsignAndSquawk {

        @Test
        void aNewCallsignIsRecorded() {
            fixture.given(detected())
                    .when(record(airborne(T0.plusSeconds(5), OVER_DULLES).callsign("NKS2004")))
                    .expectEvents(new CallsignChanged(ICAO24, FLIGHT, T0.plusSeconds(5), "NKS2003", "NKS2004"));
        }

        @Test
        void aMissingCallsignIsNotAChange() {
            fixture.given(detected())
                    .when(record(airborne(T0.plusSeconds(5), OVER_DULLES).callsign(null)))
                    .expectNoEvents();
        }

        @Test
        void aNewSquawkIsRecorded() {
            fixture.given(detected())
                    .when(record(airborne(T0.plusSeconds(5), OVER_DULLES).squawk("1200")))
                    .expectEvents(new SquawkChanged(ICAO24, FLIGHT, T0.plusSeconds(5), "0260", "1200"));
        }

        @Test
        void squawking7500DeclaresAHijack() {
            expectEmergency("7500", EmergencyKind.HIJACK);
        }

        @Test
        void squawking7600DeclaresARadioFailure() {
            expectEmergency("7600", EmergencyKind.RADIO_FAILURE);
        }

        @Test
        void squawking7700DeclaresAGeneralEmergency() {
            expectEmergency("7700", EmergencyKind.GENERAL_EMERGENCY);
        }

        @Test
        void leavingTheEmergencyCodeClearsTheEmergency() {
            Instant at = T0.plusSeconds(10);
            fixture.given(detected(), squawked(T0.plusSeconds(5), "0260", "7700"), emergency(T0.plusSeconds(5), EmergencyKind.GENERAL_EMERGENCY, "7700"))
                    .when(record(airborne(at, OVER_DULLES).squawk("0260")))
                    .expectEvents(new SquawkChanged(ICAO24, FLIGHT, at, "7700", "0260"),
                            new EmergencyCleared(ICAO24, FLIGHT, at, EmergencyKind.GENERAL_EMERGENCY, "0260"));
        }

        @Test
        void goingFromOneEmergencyCodeToAnotherClearsTheFirstAndDeclaresTheSecond() {
            Instant at = T0.plusSeconds(10);
            fixture.given(detected(), squawked(T0.plusSeconds(5), "0260", "7700"), emergency(T0.plusSeconds(5), EmergencyKind.GENERAL_EMERGENCY, "7700"))
                    .when(record(airborne(at, OVER_DULLES).squawk("7600")))
                    .expectEvents(new SquawkChanged(ICAO24, FLIGHT, at, "7700", "7600"),
                            new EmergencyCleared(ICAO24, FLIGHT, at, EmergencyKind.GENERAL_EMERGENCY, "7600"),
                            new EmergencyDeclared(ICAO24, FLIGHT, at, EmergencyKind.RADIO_FAILURE, "7600", OVER_DULLES));
        }

        private void expectEmergency(String squawk, EmergencyKind kind) {
            Instant at = T0.plusSeconds(5);
            fixture.given(detected())
                    .when(record(airborne(at, OVER_DULLES).squawk(squawk)))
                    .expectEvents(new SquawkChanged(ICAO24, FLIGHT, at, "0260", squawk),
                            new EmergencyDeclared(ICAO24, FLIGHT, at, kind, squawk, OVER_DULLES));
        }
    }

    @Nested
    class TakeOffAndLanding {

        private final Position liftOff = new Position(38.9350, -77.4608, 91.44, null);
        private final TrackPoint roll = new TrackPoint(T0.plusSeconds(35), new Position(38.9346, -77.4593, null, null), true, 29.3, 292.5);
        private final TrackPoint climb = new TrackPoint(T0.plusSeconds(45), new Position(38.9357, -77.4631, 91.44, 60.96), false, 53.2, 290.4);
        private final TrackPoint finalApproach = new TrackPoint(T0.plusSeconds(30), new Position(38.9341, -77.4575, 99.06, 60.96), false, 45.1,
                290.7);

        @Test
        void leavingTheGroundIsReportedAndTheNextReportInTheAirConfirmsItAsATakeOffWithItsRollAndClimb() {
            Instant at = T0.plusSeconds(40);
            Instant next = T0.plusSeconds(70);
            fixture.given(detectedOnGround(), new LiftOffReported(ICAO24, FLIGHT, at, liftOff, 40.7, 290.7, List.of(roll)))
                    .when(new RecordObservation(airborne(next, FURTHER_SOUTH).build(), List.of(roll, climb)))
                    .expectEvents(new TookOff(ICAO24, FLIGHT, at, liftOff, 40.7, 290.7, null, List.of(roll,
                                    new TrackPoint(at, liftOff, false, 40.7, 290.7), climb,
                                    new TrackPoint(next, FURTHER_SOUTH, false, 187.84, 208.46))),
                            new PositionReported(ICAO24, FLIGHT, next, FURTHER_SOUTH, false, 187.84, 208.46, 0.0));
        }

        @Test
        void aReportInTheAirAfterGroundReportsIsOnlyALiftOffUntilConfirmed() {
            Instant at = T0.plusSeconds(40);
            fixture.given(detectedOnGround())
                    .when(new RecordObservation(airborne(at, FURTHER_SOUTH).build(), List.of(roll)))
                    .expectEvents(new LiftOffReported(ICAO24, FLIGHT, at, FURTHER_SOUTH, 187.84, 208.46, List.of(roll)));
        }

        @Test
        void touchingDownIsReportedWithTheApproachAndConfirmedByTheNextReportOnTheGround() {
            Instant at = T0.plusSeconds(40);
            fixture.given(detected())
                    .when(new RecordObservation(onGround(at, RUNWAY_19C).build(), List.of(finalApproach)))
                    .expectEvents(new TouchdownReported(ICAO24, FLIGHT, at, RUNWAY_19C, 70.0, 190.0, List.of(finalApproach)));
            fixture.given(detected(), new TouchdownReported(ICAO24, FLIGHT, at, RUNWAY_19C, 70.0, 190.0, List.of(finalApproach)))
                    .when(record(onGround(T0.plusSeconds(75), RUNWAY_19C)))
                    .expectEvents(new Landed(ICAO24, FLIGHT, at, RUNWAY_19C, 70.0, 190.0, List.of(finalApproach)));
        }

        @Test
        void aGroundReportSlowerThanAnyAeroplaneFliesIsALandingAtOnce() {
            // JZA616 in the Dulles capture: its only report on the ground, at 8 m/s turning off, is the last one heard.
            Instant at = T0.plusSeconds(40);
            fixture.given(detected())
                    .when(new RecordObservation(new Observation(Icao24.of(ICAO24), at, "NKS2003", "United States", RUNWAY_19C, true, 8.23, 320.62,
                            null, "0260"), List.of(finalApproach)))
                    .expectEvents(new Landed(ICAO24, FLIGHT, at, RUNWAY_19C, 8.23, 320.62, List.of(finalApproach)));
        }

        @Test
        void aSingleGroundReportInTheAirIsAFlickerNeitherALandingNorATakeOff() {
            // Real ADS-B: one on_ground=true report from an aircraft 400 m up at 60 m/s, then airborne again.
            Instant flicker = T0.plusSeconds(40);
            Instant next = T0.plusSeconds(45);
            fixture.given(detected(), new TouchdownReported(ICAO24, FLIGHT, flicker, FURTHER_SOUTH, 60.0, 290.0, List.of()))
                    .when(record(airborne(next, OVER_DULLES)))
                    .expectEvents(new GroundStateFlickered(ICAO24, FLIGHT, flicker, true, next));
        }

        @Test
        void aFlickerLeavesTheAircraftInTheAirSoItsNextGroundReportIsReportedAfresh() {
            Instant flicker = T0.plusSeconds(40);
            Instant later = T0.plusSeconds(300);
            fixture.given(detected(), new TouchdownReported(ICAO24, FLIGHT, flicker, FURTHER_SOUTH, 60.0, 290.0, List.of()),
                            new GroundStateFlickered(ICAO24, FLIGHT, flicker, true, T0.plusSeconds(45)))
                    .when(record(onGround(later, RUNWAY_19C)))
                    .expectEvents(new TouchdownReported(ICAO24, FLIGHT, later, RUNWAY_19C, 70.0, 190.0, List.of()));
        }

        @Test
        void aGroundReportSinkingOrClimbingFastIsAReportInTheAir() {
            Instant at = T0.plus(TrackingPolicy.POSITION_REPORT_INTERVAL);
            fixture.given(detected())
                    .when(record(onGround(at, FURTHER_SOUTH).verticalRate(-8.5)))
                    .expectEvents(new PositionReported(ICAO24, FLIGHT, at, FURTHER_SOUTH, false, 70.0, 190.0, -8.5));
        }

        @Test
        void aTaxiingAircraftsOneReportInTheAirIsAFlickerToo() {
            Instant flicker = T0.plusSeconds(40);
            Instant next = T0.plusSeconds(44);
            fixture.given(detectedOnGround(), new LiftOffReported(ICAO24, FLIGHT, flicker, RUNWAY_19C, 31.0, 190.0, List.of()))
                    .when(record(onGround(next, RUNWAY_19C)))
                    .expectEvents(new GroundStateFlickered(ICAO24, FLIGHT, flicker, false, next));
        }

        @Test
        void aTakeOffAfterALandingStartsTheNextFlight() {
            Instant landing = T0.plusSeconds(40);
            Instant takeOff = T0.plusSeconds(3_600);
            Instant next = takeOff.plusSeconds(30);
            fixture.given(detected(), new Landed(ICAO24, FLIGHT, landing, RUNWAY_19C, 70.0, 190.0),
                            new LiftOffReported(ICAO24, FLIGHT, takeOff, RUNWAY_19C, 70.0, 190.0, List.of()))
                    .when(record(airborne(next, FURTHER_SOUTH)))
                    .expectEvents(new TookOff(ICAO24, "a65527-" + takeOff.getEpochSecond(), takeOff, RUNWAY_19C, 70.0, 190.0, FLIGHT,
                                    List.of(new TrackPoint(takeOff, RUNWAY_19C, false, 70.0, 190.0),
                                            new TrackPoint(next, FURTHER_SOUTH, false, 187.84, 208.46))),
                            new PositionReported(ICAO24, "a65527-" + takeOff.getEpochSecond(), next, FURTHER_SOUTH, false, 187.84, 208.46, 0.0));
        }

        @Test
        void aGroundObservationWithoutPositionTouchesDownAtTheLastKnownPosition() {
            Instant at = T0.plusSeconds(40);
            fixture.given(detected())
                    .when(record(onGround(at, null)))
                    .expectEvents(new TouchdownReported(ICAO24, FLIGHT, at, OVER_DULLES, 70.0, 190.0, List.of()));
        }

        @Test
        void stayingOnTheGroundIsNeitherATakeOffNorALanding() {
            fixture.given(detectedOnGround())
                    .when(record(onGround(T0.plusSeconds(5), RUNWAY_19C)))
                    .expectNoEvents();
        }
    }

    @Nested
    class Loss {

        @Test
        void anAircraftNotHeardFromSinceTheDeclaredTimeLosesItsFlight() {
            Instant now = T0.plusSeconds(300);
            fixture.given(detected())
                    .when(new DeclareFlightLost(ICAO24, T0, now))
                    .expectEvents(new FlightLost(ICAO24, FLIGHT, now, T0, OVER_DULLES, false));
        }

        @Test
        void aTouchdownThatIsTheLastReportHeardIsConfirmedAsALandingBeforeTheFlightIsLost() {
            // Landing out of coverage, or transponder off on the runway: last heard on the ground at 40 m/s.
            Instant touchdown = T0.plusSeconds(40);
            Instant now = T0.plusSeconds(400);
            fixture.given(detected(), new TouchdownReported(ICAO24, FLIGHT, touchdown, RUNWAY_19C, 40.0, 290.6, List.of()))
                    .when(new DeclareFlightLost(ICAO24, touchdown, now))
                    .expectEvents(new Landed(ICAO24, FLIGHT, touchdown, RUNWAY_19C, 40.0, 290.6, List.of()),
                            new FlightLost(ICAO24, FLIGHT, now, touchdown, RUNWAY_19C, true));
        }

        @Test
        void aLiftOffThatIsTheLastReportHeardIsConfirmedAsATakeOffBeforeTheFlightIsLost() {
            Instant liftOff = T0.plusSeconds(40);
            Instant now = T0.plusSeconds(400);
            fixture.given(detectedOnGround(), new LiftOffReported(ICAO24, FLIGHT, liftOff, FURTHER_SOUTH, 70.0, 190.0, List.of()))
                    .when(new DeclareFlightLost(ICAO24, liftOff, now))
                    .expectEvents(new TookOff(ICAO24, FLIGHT, liftOff, FURTHER_SOUTH, 70.0, 190.0, null,
                                    List.of(new TrackPoint(liftOff, FURTHER_SOUTH, false, 70.0, 190.0))),
                            new FlightLost(ICAO24, FLIGHT, now, liftOff, FURTHER_SOUTH, false));
        }

        @Test
        void aDeclarationThatCameAfterTheAircraftWasHeardFromAgainChangesNothing() {
            Instant later = T0.plus(TrackingPolicy.POSITION_REPORT_INTERVAL);
            fixture.given(detected(), new PositionReported(ICAO24, FLIGHT, later, FURTHER_SOUTH, false, 187.84, 208.46, 0.0))
                    .when(new DeclareFlightLost(ICAO24, T0, T0.plusSeconds(300)))
                    .expectNoEvents();
        }

        @Test
        void anAircraftWithoutAFlightCannotLoseOne() {
            fixture.given(detected(), new FlightLost(ICAO24, FLIGHT, T0.plusSeconds(300), T0, OVER_DULLES, false))
                    .when(new DeclareFlightLost(ICAO24, T0, T0.plusSeconds(600)))
                    .expectNoEvents();
        }

        @Test
        void aLostFlightsEmergencyDoesNotCarryOverToTheNextFlight() {
            Instant again = T0.plusSeconds(600);
            fixture.given(detected(), squawked(T0.plusSeconds(5), "0260", "7700"), emergency(T0.plusSeconds(5), EmergencyKind.GENERAL_EMERGENCY, "7700"),
                            new FlightLost(ICAO24, FLIGHT, T0.plusSeconds(300), T0.plusSeconds(5), OVER_DULLES, false))
                    .when(record(airborne(again, OVER_DULLES).squawk("7700")))
                    .expectEvents(new FlightDetected(ICAO24, "a65527-" + again.getEpochSecond(), again, "NKS2003", "United States",
                                    OVER_DULLES, false, 187.84, 208.46, 0.0, "7700"),
                            new EmergencyDeclared(ICAO24, "a65527-" + again.getEpochSecond(), again, EmergencyKind.GENERAL_EMERGENCY,
                                    "7700", OVER_DULLES));
        }
    }

    private static RecordObservation record(ObservationBuilder observation) {
        return new RecordObservation(observation.build());
    }

    private static FlightDetected detected() {
        return new FlightDetected(ICAO24, FLIGHT, T0, "NKS2003", "United States", OVER_DULLES, false, 187.84, 208.46, 0.0, "0260");
    }

    private static FlightDetected detectedOnGround() {
        return new FlightDetected(ICAO24, FLIGHT, T0, "NKS2003", "United States", RUNWAY_19C, true, 0.0, 190.0, null, "0260");
    }

    private static SquawkChanged squawked(Instant at, String from, String to) {
        return new SquawkChanged(ICAO24, FLIGHT, at, from, to);
    }

    private static EmergencyDeclared emergency(Instant at, EmergencyKind kind, String squawk) {
        return new EmergencyDeclared(ICAO24, FLIGHT, at, kind, squawk, OVER_DULLES);
    }

    private static ObservationBuilder airborne(Instant at, Position position) {
        return new ObservationBuilder(at, position, false, 187.84, 208.46, 0.0);
    }

    private static ObservationBuilder onGround(Instant at, Position position) {
        return new ObservationBuilder(at, position, true, 70.0, 190.0, null);
    }

    /** An observation of a65527 (NKS2003, squawk 0260) to vary one field at a time. */
    private static final class ObservationBuilder {
        private final Instant at;
        private final Position position;
        private final boolean onGround;
        private final Double speed;
        private final Double track;
        private Double verticalRate;
        private String callsign = "NKS2003";
        private String squawk = "0260";

        ObservationBuilder(Instant at, Position position, boolean onGround, Double speed, Double track, Double verticalRate) {
            this.at = at;
            this.position = position;
            this.onGround = onGround;
            this.speed = speed;
            this.track = track;
            this.verticalRate = verticalRate;
        }

        ObservationBuilder callsign(String callsign) {
            this.callsign = callsign;
            return this;
        }

        ObservationBuilder verticalRate(Double verticalRate) {
            this.verticalRate = verticalRate;
            return this;
        }

        ObservationBuilder squawk(String squawk) {
            this.squawk = squawk;
            return this;
        }

        Observation build() {
            return new Observation(Icao24.of(ICAO24), at, callsign, "United States", position, onGround, speed, track, verticalRate, squawk);
        }
    }
}
