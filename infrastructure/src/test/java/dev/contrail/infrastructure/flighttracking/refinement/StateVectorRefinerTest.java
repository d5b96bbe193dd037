package dev.contrail.infrastructure.flighttracking.refinement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Accepted;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Outcome;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Rejected;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateVectorRefinerTest {

    private static final long TIME_POSITION = 1678803640L;
    private static final long LAST_CONTACT = 1678803647L;
    /** When the vector was received: a few seconds after its snapshot. */
    private static final Instant NOW = Instant.ofEpochSecond(1678803652L);

    /** Spirit 2003 climbing out of Dulles, with a position a few seconds older than the last contact. */
    static OpenSkyStateVector.Builder nks2003() {
        return OpenSkyStateVector.newBuilder()
                .setIcao24("a65527")
                .setCallsign("NKS2003 ")
                .setOriginCountry("United States")
                .setTimePosition(TIME_POSITION)
                .setLastContact(LAST_CONTACT)
                .setLongitude(-77.3974)
                .setLatitude(38.8778)
                .setBaroAltitude(7010.4)
                .setOnGround(false)
                .setVelocity(187.84)
                .setTrueTrack(208.46)
                .setVerticalRate(-1.5)
                .setGeoAltitude(6659.88)
                .setSquawk("0260")
                .setSpi(false)
                .setPositionSource(0)
                .setSnapshotTime(1678803650L)
                .setSource("capture:data-001.json");
    }

    @Test
    void acceptsAValidStateVectorAsAnObservationInSiUnits() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().build(), NOW);

        assertThat(outcome).isEqualTo(new Accepted(AircraftObservation.newBuilder()
                .setIcao24("a65527")
                .setObservedAt(Instant.ofEpochSecond(LAST_CONTACT))
                .setPositionAt(Instant.ofEpochSecond(TIME_POSITION))
                .setCallsign("NKS2003")
                .setOriginCountry("United States")
                .setLatitude(38.8778)
                .setLongitude(-77.3974)
                .setBarometricAltitudeM(7010.4)
                .setGeometricAltitudeM(6659.88)
                .setOnGround(false)
                .setGroundSpeedMps(187.84)
                .setTrackDeg(208.46)
                .setVerticalRateMps(-1.5)
                .setSquawk("0260")
                .setSource("capture:data-001.json")
                .build()));
    }

    @Test
    void turnsABlankCallsignIntoNull() {
        AircraftObservation observation = accepted(nks2003().setCallsign("        "));

        assertThat(observation.getCallsign()).isNull();
    }

    @Test
    void rejectsALatitudeOutsideTheGlobe() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLatitude(999.0).build(), NOW);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("latitude").contains("999"));
    }

    @Test
    void rejectsAnIcao24ThatIsNotSixHexadecimalDigits() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setIcao24("zz1234").build(), NOW);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("icao24").contains("zz1234"));
    }

    @Test
    void rejectsAStateVectorWithoutLastContact() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLastContact(null).build(), NOW);

        assertThat(outcome).isEqualTo(new Rejected("last_contact is missing"));
    }

    @Test
    void rejectsALatitudeWithoutLongitude() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLongitude(null).build(), NOW);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).startsWith("position is incomplete"));
    }

    @Test
    void rejectsALongitudeWithoutLatitude() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLatitude(null).build(), NOW);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).startsWith("position is incomplete"));
    }

    @Test
    void acceptsAnAircraftThatHasNotReportedAPositionWithoutOne() {
        AircraftObservation observation = accepted(nks2003()
                .setLatitude(null).setLongitude(null).setTimePosition(null).setBaroAltitude(null).setGeoAltitude(null));

        assertThat(observation.getLatitude()).isNull();
        assertThat(observation.getLongitude()).isNull();
        assertThat(observation.getPositionAt()).isNull();
        assertThat(observation.getBarometricAltitudeM()).isNull();
        assertThat(observation.getGeometricAltitudeM()).isNull();
        assertThat(observation.getObservedAt()).isEqualTo(Instant.ofEpochSecond(LAST_CONTACT));
    }

    @Test
    void dropsASquawkThatIsNotFourOctalDigitsButKeepsTheObservation() {
        AircraftObservation observation = accepted(nks2003().setSquawk("9999"));

        assertThat(observation.getSquawk()).isNull();
        assertThat(observation.getIcao24()).isEqualTo("a65527");
    }

    @Test
    void keepsTheEmergencySquawk() {
        AircraftObservation observation = accepted(nks2003().setSquawk("7700"));

        assertThat(observation.getSquawk()).isEqualTo("7700");
    }

    // Issue 12: impossible values used to be accepted; a callsign longer than 8 characters crash-looped live-flights.

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossible")
    void deadLettersAnImpossibleValueWithItsReason(String what, OpenSkyStateVector.Builder raw, String reason) {
        Outcome outcome = StateVectorRefiner.refine(raw.build(), NOW);

        assertThat(outcome).as(what).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    static Stream<Arguments> impossible() {
        return Stream.of(
                Arguments.of("an altitude of 1e308 m", nks2003().setBaroAltitude(1e308),
                        "baro_altitude 1.0E308 m is outside [-1000, 40000] m"),
                Arguments.of("a geometric altitude of -5 km", nks2003().setGeoAltitude(-5000.0),
                        "geo_altitude -5000.0 m is outside [-1000, 40000] m"),
                Arguments.of("an altitude that is not a number", nks2003().setBaroAltitude(Double.NaN),
                        "baro_altitude NaN m is outside [-1000, 40000] m"),
                Arguments.of("a negative ground speed", nks2003().setVelocity(-3.0),
                        "velocity -3.0 m/s is outside [0, 1200] m/s"),
                Arguments.of("a ground speed of Mach 10", nks2003().setVelocity(3400.0),
                        "velocity 3400.0 m/s is outside [0, 1200] m/s"),
                Arguments.of("an infinite ground speed", nks2003().setVelocity(Double.POSITIVE_INFINITY),
                        "velocity Infinity m/s is outside [0, 1200] m/s"),
                Arguments.of("a track of 720°", nks2003().setTrueTrack(720.0), "true_track 720.0° is outside [0, 360)°"),
                Arguments.of("a negative track", nks2003().setTrueTrack(-10.0), "true_track -10.0° is outside [0, 360)°"),
                Arguments.of("a vertical rate of 300 m/s", nks2003().setVerticalRate(300.0),
                        "vertical_rate 300.0 m/s is outside [-200, 200] m/s"),
                Arguments.of("a NUL in a callsign", nks2003().setCallsign("NKS\u00002003"),
                        "callsign \"NKS\\u00002003\" holds U+0000 (a control character): a callsign is A-Z, 0-9 and spaces"),
                Arguments.of("a callsign longer than 8 characters", nks2003().setCallsign("NKS2003XYZ"),
                        "callsign \"NKS2003XYZ\" is longer than 8 characters"),
                Arguments.of("punctuation in a callsign", nks2003().setCallsign("NKS-2003"),
                        "callsign \"NKS-2003\" holds U+002D '-': a callsign is A-Z, 0-9 and spaces"),
                Arguments.of("a control character in the origin country", nks2003().setOriginCountry("United\u0007States"),
                        "origin_country \"United\\u0007States\" holds U+0007 (a control character)"),
                Arguments.of("an origin country longer than 64 characters", nks2003().setOriginCountry("X".repeat(65)),
                        "origin_country \"" + "X".repeat(40) + "...\" is longer than 64 characters"),
                Arguments.of("position source 7", nks2003().setPositionSource(7),
                        "position_source 7 is not one of 0 ADS-B, 1 ASTERIX, 2 MLAT, 3 FLARM"),
                Arguments.of("category 21", nks2003().setCategory(21), "category 21 is outside [0, 20]"),
                Arguments.of("a negative sensor serial", nks2003().setSensors(java.util.List.of(-4)),
                        "sensors [-4] holds -4: receiver serials are not negative"),
                // Issue 13: a last contact two hours ahead stopped the intake for good (Kafka refuses the timestamp).
                Arguments.of("a last contact two hours ahead", nks2003().setLastContact(1678803652L + 7200),
                        "last_contact 2023-03-14T16:20:52Z is 7200 s ahead of the server's clock (2023-03-14T14:20:52Z; tolerance 60 s)"),
                Arguments.of("a position time two hours ahead", nks2003().setTimePosition(1678803652L + 7200),
                        "time_position 2023-03-14T16:20:52Z is 7200 s ahead of the server's clock (2023-03-14T14:20:52Z; tolerance 60 s)"),
                Arguments.of("a last contact at the epoch", nks2003().setLastContact(0L).setTimePosition(null),
                        "last_contact 1970-01-01T00:00:00Z is more than 7 days before the server's clock (2023-03-14T14:20:52Z)"));
    }

    @Test
    void acceptsAContactWithinTheToleranceOfTheClockAndAWeekOld() {
        assertThat(accepted(nks2003().setLastContact(NOW.getEpochSecond() + 60)).getObservedAt()).isEqualTo(NOW.plusSeconds(60));
        long weekOld = NOW.minus(java.time.Duration.ofDays(7)).getEpochSecond();
        assertThat(accepted(nks2003().setLastContact(weekOld).setTimePosition(weekOld)).getObservedAt())
                .isEqualTo(Instant.ofEpochSecond(weekOld));
    }

    @Test
    void normalisesWhatIsOnlyUntidy() {
        AircraftObservation observation = accepted(nks2003().setCallsign("  nks2003 ").setOriginCountry(" United States\t")
                .setTrueTrack(360.0).setSquawk(" 7700 "));

        assertThat(observation.getCallsign()).isEqualTo("NKS2003");
        assertThat(observation.getOriginCountry()).isEqualTo("United States");
        assertThat(observation.getTrackDeg()).isEqualTo(0.0);
        assertThat(observation.getSquawk()).isEqualTo("7700");
        assertThat(accepted(nks2003().setCallsign("")).getCallsign()).isNull();
        assertThat(accepted(nks2003().setOriginCountry("  ")).getOriginCountry()).isNull();
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        AircraftObservation observation = accepted(nks2003().setBaroAltitude(-1000.0).setGeoAltitude(40000.0).setVelocity(0.0)
                .setTrueTrack(359.99).setVerticalRate(-200.0).setPositionSource(3).setCategory(20).setSensors(java.util.List.of(0, 12))
                .setCallsign("ABCD1234"));

        assertThat(observation.getBarometricAltitudeM()).isEqualTo(-1000.0);
        assertThat(observation.getCallsign()).isEqualTo("ABCD1234");
    }

    private static AircraftObservation accepted(OpenSkyStateVector.Builder raw) {
        Outcome outcome = StateVectorRefiner.refine(raw.build(), NOW);
        assertThat(outcome).isInstanceOf(Accepted.class);
        return ((Accepted) outcome).observation();
    }
}
