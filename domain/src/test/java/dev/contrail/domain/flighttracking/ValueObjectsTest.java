package dev.contrail.domain.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void icao24IsNormalisedToLowerCase() {
        assertThat(Icao24.of(" A65527 ").value()).isEqualTo("a65527");
        assertThat(Icao24.of("a65527")).hasToString("a65527");
    }

    @Test
    void icao24RejectsAnythingButSixHexDigits() {
        assertThatThrownBy(() -> Icao24.of("zz1234")).hasMessageContaining("6 hexadecimal digits");
        assertThatThrownBy(() -> Icao24.of("a6552")).hasMessageContaining("6 hexadecimal digits");
    }

    @Test
    void positionRejectsCoordinatesOffTheGlobe() {
        assertThatThrownBy(() -> new Position(999, 0, null, null)).hasMessageContaining("latitude");
        assertThatThrownBy(() -> new Position(0, -181, null, null)).hasMessageContaining("longitude");
        assertThatThrownBy(() -> new Position(Double.NaN, 0, null, null)).hasMessageContaining("latitude");
    }
}
