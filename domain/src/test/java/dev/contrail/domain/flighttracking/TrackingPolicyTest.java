package dev.contrail.domain.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrackingPolicyTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_678_803_647);
    private static final Position HERE = new Position(38.8778, -77.3974, 7010.4, null);
    private static final Position THERE = new Position(38.8610, -77.4100, 6980.0, null);

    @Test
    void theFirstObservationIsAlwaysWorthRecording() {
        assertThat(TrackingPolicy.isWorthRecording(null, observation(T0, HERE, false, "NKS2003", "0260"))).isTrue();
    }

    @Test
    void anObservationThatIsNotNewerIsNot() {
        var last = observation(T0, HERE, false, "NKS2003", "0260");
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0, THERE, true, "X", "7700"))).isFalse();
    }

    @Test
    void aChangeOfGroundStateCallsignOrSquawkIs() {
        var last = observation(T0, HERE, false, "NKS2003", "0260");
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0.plusSeconds(1), HERE, true, "NKS2003", "0260"))).isTrue();
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0.plusSeconds(1), HERE, false, "NKS2004", "0260"))).isTrue();
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0.plusSeconds(1), HERE, false, "NKS2003", "7700"))).isTrue();
    }

    @Test
    void aChangeOfTheGroundStateAsJudgedIsOneEvenWhenTheRawClaimStaysTheSame() {
        // ADR 0022: the aircraft judges a ground claim that climbs or sinks fast as a report in the air. The filter must
        // judge it the same way: on_ground stayed true from the one report to the next, and yet the aircraft landed.
        var climbing = new Observation(Icao24.of("c00b98"), T0, "JZA616", "Canada", HERE, true, 60.0, 320.0, 8.0, null);
        var rolling = new Observation(Icao24.of("c00b98"), T0.plusSeconds(1), "JZA616", "Canada", HERE, true, 60.0, 320.0, 0.0, null);
        assertThat(TrackingPolicy.isWorthRecording(climbing, rolling)).isTrue();
        assertThat(TrackingPolicy.isWorthRecording(rolling, new Observation(Icao24.of("c00b98"), T0.plusSeconds(2), "JZA616", "Canada",
                HERE, true, 60.0, 320.0, -7.0, null))).isTrue();
        assertThat(TrackingPolicy.reportsGround(climbing)).isFalse();
        assertThat(TrackingPolicy.reportsGround(rolling)).isTrue();
    }

    @Test
    void aNewPositionIsOnlyOncePerReportInterval() {
        var last = observation(T0, HERE, false, "NKS2003", "0260");
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0.plusSeconds(5), THERE, false, "NKS2003", "0260"))).isFalse();
        assertThat(TrackingPolicy.isWorthRecording(last,
                observation(T0.plus(TrackingPolicy.POSITION_REPORT_INTERVAL), THERE, false, "NKS2003", "0260"))).isTrue();
    }

    @Test
    void theReportAfterAChangeOfGroundStateDecidesItAndIsAlwaysWorthRecording() {
        // ADR 0022: a touchdown is only reported; the next report confirms or contradicts it, however soon it comes.
        var touchdown = observation(T0, HERE, true, "NKS2003", "0260");
        var rollOut = observation(T0.plusSeconds(10), THERE, true, "NKS2003", "0260");
        assertThat(TrackingPolicy.isWorthRecording(touchdown, true, rollOut)).isTrue();
        assertThat(TrackingPolicy.isWorthRecording(touchdown, false, rollOut)).as("taxiing: a position every 30 s").isFalse();
    }

    @Test
    void aFirstPositionAfterNoneIs() {
        var last = observation(T0, null, false, "NKS2003", "0260");
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0.plusSeconds(1), HERE, false, "NKS2003", "0260"))).isTrue();
    }

    @Test
    void aMissingCallsignOrSquawkIsNotAChange() {
        var last = observation(T0, HERE, false, "NKS2003", "0260");
        assertThat(TrackingPolicy.isWorthRecording(last, observation(T0.plusSeconds(1), HERE, false, null, null))).isFalse();
    }

    @Test
    void aGroundReportSinkingOrClimbingFasterThan5MetresASecondContradictsItself() {
        assertThat(TrackingPolicy.contradictsGround(ground(60.0, -5.5))).isTrue();
        assertThat(TrackingPolicy.contradictsGround(ground(60.0, 6.0))).isTrue();
        assertThat(TrackingPolicy.contradictsGround(ground(60.0, -3.0))).as("a firm touchdown").isFalse();
        assertThat(TrackingPolicy.contradictsGround(ground(60.0, null))).as("OpenSky's ground reports have no vertical rate").isFalse();
    }

    @Test
    void aGroundReportSlowerThanAnyAeroplaneFliesProvesTheGround() {
        assertThat(TrackingPolicy.provesGround(ground(8.23, null))).isTrue();
        assertThat(TrackingPolicy.provesGround(ground(37.0, null))).as("a touchdown speed: could be a flicker").isFalse();
        assertThat(TrackingPolicy.provesGround(ground(null, null))).isFalse();
        assertThat(TrackingPolicy.provesGround(ground(8.0, -9.0))).as("unless it contradicts itself").isFalse();
    }

    private static Observation ground(Double speed, Double verticalRate) {
        return new Observation(Icao24.of("c00b98"), T0, "JZA616", "Canada", HERE, true, speed, 320.0, verticalRate, null);
    }

    private static Observation observation(Instant at, Position position, boolean onGround, String callsign, String squawk) {
        return new Observation(Icao24.of("a65527"), at, callsign, "United States", position, onGround, 200.0, 208.0, 0.0, squawk);
    }
}
