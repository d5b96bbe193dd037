package dev.contrail.infrastructure.flighttracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.opensky.OpenSkyStateVector;
import org.junit.jupiter.api.Test;

class CaptureReplayTest {

    private static final long ONE_DAY = 86_400;

    @Test
    void shiftMovesSnapshotTimeTimePositionAndLastContactByTheOffset() {
        OpenSkyStateVector shifted = CaptureReplay.shift(vector(1678803640L, 1678803647L), ONE_DAY);

        assertThat(shifted.getSnapshotTime()).isEqualTo(1678803650L + ONE_DAY);
        assertThat(shifted.getTimePosition()).isEqualTo(1678803640L + ONE_DAY);
        assertThat(shifted.getLastContact()).isEqualTo(1678803647L + ONE_DAY);
    }

    @Test
    void shiftLeavesEverythingButTheTimesAlone() {
        OpenSkyStateVector original = vector(1678803640L, 1678803647L);

        OpenSkyStateVector shifted = CaptureReplay.shift(original, ONE_DAY);

        OpenSkyStateVector timesRestored = OpenSkyStateVector.newBuilder(shifted)
                .setSnapshotTime(1678803650L).setTimePosition(1678803640L).setLastContact(1678803647L).build();
        assertThat(timesRestored).isEqualTo(original);
    }

    @Test
    void shiftKeepsMissingTimesMissing() {
        OpenSkyStateVector shifted = CaptureReplay.shift(vector(null, null), ONE_DAY);

        assertThat(shifted.getTimePosition()).isNull();
        assertThat(shifted.getLastContact()).isNull();
        assertThat(shifted.getSnapshotTime()).isEqualTo(1678803650L + ONE_DAY);
    }

    private static OpenSkyStateVector vector(Long timePosition, Long lastContact) {
        return OpenSkyStateVector.newBuilder()
                .setIcao24("a65527")
                .setCallsign("NKS2003 ")
                .setOriginCountry("United States")
                .setTimePosition(timePosition)
                .setLastContact(lastContact)
                .setLongitude(-77.3974)
                .setLatitude(38.8778)
                .setBaroAltitude(7010.4)
                .setOnGround(false)
                .setVelocity(187.84)
                .setSquawk("0260")
                .setSnapshotTime(1678803650L)
                .setSource("capture:data-001.json")
                .build();
    }
}
