package dev.contrail.infrastructure.flighttracking.refinement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Accepted;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Outcome;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Rejected;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateVectorRefinerTest {

    private static final long TIME_POSITION = 1678803640L;
    private static final long LAST_CONTACT = 1678803647L;

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
        Outcome outcome = StateVectorRefiner.refine(nks2003().build());

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
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLatitude(999.0).build());

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("latitude").contains("999"));
    }

    @Test
    void rejectsAnIcao24ThatIsNotSixHexadecimalDigits() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setIcao24("zz1234").build());

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("icao24").contains("zz1234"));
    }

    @Test
    void rejectsAStateVectorWithoutLastContact() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLastContact(null).build());

        assertThat(outcome).isEqualTo(new Rejected("last_contact is missing"));
    }

    @Test
    void rejectsALatitudeWithoutLongitude() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLongitude(null).build());

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).startsWith("position is incomplete"));
    }

    @Test
    void rejectsALongitudeWithoutLatitude() {
        Outcome outcome = StateVectorRefiner.refine(nks2003().setLatitude(null).build());

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

    private static AircraftObservation accepted(OpenSkyStateVector.Builder raw) {
        Outcome outcome = StateVectorRefiner.refine(raw.build());
        assertThat(outcome).isInstanceOf(Accepted.class);
        return ((Accepted) outcome).observation();
    }
}
