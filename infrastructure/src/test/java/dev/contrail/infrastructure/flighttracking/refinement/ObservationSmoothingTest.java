package dev.contrail.infrastructure.flighttracking.refinement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.infrastructure.flighttracking.refinement.ObservationSmoothing.Result;
import dev.contrail.infrastructure.flighttracking.refinement.state.RefinedAircraft;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ObservationSmoothingTest {

    private static final RefinementSettings SETTINGS = RefinementSettings.defaults();
    private static final long T0 = 1_678_803_647L;

    @Nested
    class RepeatsAndOrder {

        @Test
        void theFirstObservationOfAnAircraftIsForwarded() {
            assertThat(ObservationSmoothing.smooth(null, airborne(T0).build(), SETTINGS).forwarded()).isNotNull();
        }

        @Test
        void anObservationNoNewerThanTheLastIsDropped() {
            List<AircraftObservation> out = run(airborne(T0), airborne(T0).setLatitude(39.0), airborne(T0 - 5).setLatitude(39.1));
            assertThat(out).hasSize(1);
        }
    }

    @Nested
    class StalePositions {

        @Test
        void aPositionOlderThanTheLimitIsDroppedButTheContactKept() {
            AircraftObservation stale = airborne(T0).setPositionAt(Instant.ofEpochSecond(T0 - 444)).build();

            AircraftObservation forwarded = ObservationSmoothing.smooth(null, stale, SETTINGS).forwarded();

            assertThat(forwarded.getObservedAt()).isEqualTo(Instant.ofEpochSecond(T0));
            assertThat(forwarded.getLatitude()).isNull();
            assertThat(forwarded.getLongitude()).isNull();
            assertThat(forwarded.getPositionAt()).isNull();
        }

        @Test
        void aRecentPositionIsKept() {
            AircraftObservation recent = airborne(T0).setPositionAt(Instant.ofEpochSecond(T0 - 5)).build();
            assertThat(ObservationSmoothing.smooth(null, recent, SETTINGS).forwarded().getLatitude()).isEqualTo(38.8778);
        }
    }

    @Nested
    class OnGroundFlicker {

        @Test
        void aPlausibleLandingIsForwardedAtOnce() {
            List<AircraftObservation> out = run(airborne(T0).setGroundSpeedMps(45.0), onGround(T0 + 3).setGroundSpeedMps(37.0));
            assertThat(out).extracting(AircraftObservation::getOnGround).containsExactly(false, true);
        }

        @Test
        void aLandingSeenOnlyInTheLastObservationIsStillForwarded() {
            // JZA616 in the Dulles capture: its touchdown is its very last observation.
            List<AircraftObservation> out = run(airborne(T0).setGroundSpeedMps(63.4), airborne(T0 + 9).setGroundSpeedMps(19.4),
                    onGround(T0 + 42).setGroundSpeedMps(8.2));
            assertThat(out).extracting(AircraftObservation::getOnGround).containsExactly(false, false, true);
        }

        @Test
        void aCruisingAircraftThatClaimsToBeOnTheGroundIsNotBelieved() {
            List<AircraftObservation> out = run(airborne(T0).setGroundSpeedMps(230.0), onGround(T0 + 5).setGroundSpeedMps(231.0));
            assertThat(out).extracting(AircraftObservation::getOnGround).doesNotContain(true);
        }

        @Test
        void aTaxiingAircraftThatClaimsToBeAirborneIsNotBelieved() {
            List<AircraftObservation> out = run(onGround(T0).setGroundSpeedMps(8.0), airborne(T0 + 5).setGroundSpeedMps(9.0));
            assertThat(out).extracting(AircraftObservation::getOnGround).doesNotContain(false);
        }

        @Test
        void aReversalRightAfterAChangeIsHeldUntilConfirmed() {
            // Landing roll: ground, then one airborne flicker at rolling speed, then ground again.
            List<AircraftObservation> out = run(
                    airborne(T0).setGroundSpeedMps(70.0),
                    onGround(T0 + 2).setGroundSpeedMps(65.0),
                    airborne(T0 + 4).setGroundSpeedMps(60.0),
                    onGround(T0 + 6).setGroundSpeedMps(55.0));
            // The airborne report is held back, not forwarded as "on the ground": the next report decides it.
            assertThat(out).extracting(AircraftObservation::getOnGround).containsExactly(false, true, true);
            assertThat(out).extracting(o -> o.getObservedAt().getEpochSecond()).containsExactly(T0, T0 + 2, T0 + 6);
        }

        @Test
        void aOneReportGroundFlickerInTheAirIsNeverFollowedByAReportThatSeemsToConfirmIt() {
            // Real ADS-B: one on_ground report at approach speed, then the aircraft flies on. The report after the flicker
            // reverses it within the settle time; forwarded with the flicker's ground state (as it once was), the
            // aircraft took it for the report confirming a touchdown, and landed (ADR 0022). Held back, it lets the next
            // report decide: in the air.
            List<AircraftObservation> out = run(
                    airborne(T0).setGroundSpeedMps(70.0),
                    onGround(T0 + 5).setGroundSpeedMps(70.0),
                    airborne(T0 + 10).setGroundSpeedMps(71.0),
                    airborne(T0 + 15).setGroundSpeedMps(72.0));
            assertThat(out).extracting(AircraftObservation::getOnGround).containsExactly(false, true, false);
            assertThat(out).extracting(o -> o.getObservedAt().getEpochSecond()).containsExactly(T0, T0 + 5, T0 + 15);
        }

        @Test
        void aReversalConfirmedTwiceWithinTheSettleTimeIsBelieved() {
            // A touch-and-go: down, then up again, seen twice.
            List<AircraftObservation> out = run(
                    airborne(T0).setGroundSpeedMps(70.0),
                    onGround(T0 + 2).setGroundSpeedMps(65.0),
                    airborne(T0 + 6).setGroundSpeedMps(68.0),
                    airborne(T0 + 10).setGroundSpeedMps(72.0));
            assertThat(out).extracting(AircraftObservation::getOnGround).containsExactly(false, true, false);
        }

        @Test
        void aReversalAfterTheSettleTimeIsBelievedAtOnce() {
            long afterSettle = T0 + 2 + SETTINGS.settleTime().toSeconds();
            List<AircraftObservation> out = run(
                    onGround(T0).setGroundSpeedMps(10.0),
                    airborne(T0 + 2).setGroundSpeedMps(70.0),
                    onGround(afterSettle).setGroundSpeedMps(60.0));
            assertThat(out).extracting(AircraftObservation::getOnGround).containsExactly(true, false, true);
        }
    }

    @Nested
    class Reduction {

        @Test
        void anObservationThatTellsNothingNewIsHeldBack() {
            List<AircraftObservation> out = run(airborne(T0), airborne(T0 + 5));
            assertThat(out).hasSize(1);
        }

        @Test
        void anUnchangedAircraftIsStillForwardedAsAKeepAlive() {
            long keepAlive = SETTINGS.keepAliveInterval().toSeconds();
            List<AircraftObservation> out = run(airborne(T0), airborne(T0 + 5), airborne(T0 + keepAlive));
            assertThat(out).extracting(o -> o.getObservedAt().getEpochSecond()).containsExactly(T0, T0 + keepAlive);
        }

        @Test
        void aNewPositionCallsignSquawkOrSpeedIsForwarded() {
            List<AircraftObservation> out = run(airborne(T0),
                    airborne(T0 + 1).setLatitude(38.9).setPositionAt(Instant.ofEpochSecond(T0 + 1)),
                    airborne(T0 + 2).setLatitude(38.9).setPositionAt(Instant.ofEpochSecond(T0 + 1)).setCallsign("NKS2004"),
                    airborne(T0 + 3).setLatitude(38.9).setPositionAt(Instant.ofEpochSecond(T0 + 1)).setCallsign("NKS2004").setSquawk("7700"),
                    airborne(T0 + 4).setLatitude(38.9).setPositionAt(Instant.ofEpochSecond(T0 + 1)).setCallsign("NKS2004").setSquawk("7700")
                            .setGroundSpeedMps(190.0));
            assertThat(out).hasSize(5);
        }
    }

    /** Feeds the observations through smoothing as one aircraft's stream; returns what was forwarded. */
    private static List<AircraftObservation> run(AircraftObservation.Builder... observations) {
        RefinedAircraft memory = null;
        List<AircraftObservation> forwarded = new ArrayList<>();
        for (AircraftObservation.Builder observation : observations) {
            Result result = ObservationSmoothing.smooth(memory, observation.build(), SETTINGS);
            memory = result.memory();
            if (result.forwarded() != null) {
                forwarded.add(result.forwarded());
            }
        }
        return forwarded;
    }

    private static AircraftObservation.Builder airborne(long epochSecond) {
        return AircraftObservation.newBuilder()
                .setIcao24("a65527")
                .setObservedAt(Instant.ofEpochSecond(epochSecond))
                .setPositionAt(Instant.ofEpochSecond(T0))
                .setCallsign("NKS2003")
                .setOriginCountry("United States")
                .setLatitude(38.8778)
                .setLongitude(-77.3974)
                .setBarometricAltitudeM(7010.4)
                .setGeometricAltitudeM(6659.88)
                .setOnGround(false)
                .setGroundSpeedMps(187.84)
                .setTrackDeg(208.46)
                .setVerticalRateMps(0.0)
                .setSquawk("0260")
                .setSource("test");
    }

    private static AircraftObservation.Builder onGround(long epochSecond) {
        return airborne(epochSecond).setOnGround(true).setBarometricAltitudeM(null);
    }
}
