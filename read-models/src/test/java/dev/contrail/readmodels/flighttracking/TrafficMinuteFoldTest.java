package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The traffic-stats writer's in-memory fold of one aircraft's minute, as its SQL folds it. */
class TrafficMinuteFoldTest {

    @Test
    void anAircraftThatReportsNoSpeedOrAltitudeFoldsToNulls() {
        // Real state vectors without velocity or barometric altitude: the fold once threw a NullPointerException here
        // (a conditional expression unboxed the second null), which dead-lettered the observation.
        var minute = new TrafficMinuteJdbcWriter.Minute(LiveFlightFixtures.observation(0).setGroundSpeedMps(null).setBarometricAltitudeM(null).build());
        minute.fold(LiveFlightFixtures.observation(5).setGroundSpeedMps(null).setBarometricAltitudeM(null).build());

        assertThat(minute.maxGroundSpeed).isNull();
        assertThat(minute.maxBarometricAltitude).isNull();
    }

    @Test
    void theGreatestIgnoresNullsLikePostgres() {
        var minute = new TrafficMinuteJdbcWriter.Minute(LiveFlightFixtures.observation(0).setGroundSpeedMps(null).setBarometricAltitudeM(7000.0).build());
        minute.fold(LiveFlightFixtures.observation(5).setGroundSpeedMps(120.0).setBarometricAltitudeM(null).build());
        minute.fold(LiveFlightFixtures.observation(10).setGroundSpeedMps(110.0).setBarometricAltitudeM(7100.0).build());

        assertThat(minute.maxGroundSpeed).isEqualTo(120.0);
        assertThat(minute.maxBarometricAltitude).isEqualTo(7100.0);
    }
}
