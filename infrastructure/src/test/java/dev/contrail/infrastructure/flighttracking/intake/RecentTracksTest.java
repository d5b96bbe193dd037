package dev.contrail.infrastructure.flighttracking.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.infrastructure.flighttracking.intake.state.RecentTrack;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The intake tells a change of ground state as the aircraft and the filter judge it (ADR 0022): a report claiming the
 * ground while climbing or sinking faster than 5 m/s is in the air. Compared raw, the two cases below came out wrong.
 */
class RecentTracksTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aClaimOfTheGroundWhileClimbingFastAfterAnAirborneReportIsNoChange() {
        AircraftObservation airborne = report(T0, false, 6.0);
        AircraftObservation claimsGroundClimbing = report(T0.plusSeconds(5), true, 10.0);
        RecentTrack track = RecentTracks.append(RecentTracks.append(null, airborne), claimsGroundClimbing);

        assertThat(RecentTracks.changedGround(track, claimsGroundClimbing)).isFalse();
    }

    @Test
    void aSlowReportOnTheGroundAfterAClaimContradictedByItsVerticalRateIsAChange() {
        AircraftObservation claimsGroundSinking = report(T0, true, -8.0);
        AircraftObservation onTheGround = report(T0.plusSeconds(5), true, 0.0);
        RecentTrack track = RecentTracks.append(RecentTracks.append(null, claimsGroundSinking), onTheGround);

        assertThat(RecentTracks.changedGround(track, onTheGround)).isTrue();
    }

    @Test
    void plainClaimsAreJudgedAsBefore() {
        AircraftObservation airborne = report(T0, false, null);
        AircraftObservation landed = report(T0.plusSeconds(5), true, null);
        AircraftObservation stillLanded = report(T0.plusSeconds(10), true, 0.0);
        RecentTrack track = RecentTracks.append(RecentTracks.append(RecentTracks.append(null, airborne), landed), stillLanded);

        assertThat(RecentTracks.changedGround(track, landed)).isTrue();
        assertThat(RecentTracks.changedGround(track, stillLanded)).isFalse();
    }

    private static AircraftObservation report(Instant at, boolean onGround, Double verticalRateMps) {
        return AircraftObservation.newBuilder().setIcao24("a65527").setObservedAt(at).setPositionAt(at)
                .setLatitude(38.95).setLongitude(-77.45).setBarometricAltitudeM(onGround ? 90.0 : 400.0)
                .setOnGround(onGround).setGroundSpeedMps(onGround ? 10.0 : 70.0).setVerticalRateMps(verticalRateMps)
                .setSource("test").build();
    }
}
