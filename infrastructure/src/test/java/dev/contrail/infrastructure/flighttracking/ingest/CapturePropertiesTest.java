package dev.contrail.infrastructure.flighttracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Outside the demo the capture has no default location (ADR 0038): turned on without one, it says what to set. */
class CapturePropertiesTest {

    @Test
    void enabledWithoutALocationIsRefusedWithWhatToSet() {
        assertThatThrownBy(() -> new CaptureProperties(true, null, 1.0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contrail.capture.location is not set")
                .hasMessageContaining("file:/data/capture/*.json");
        assertThatThrownBy(() -> new CaptureProperties(true, " ", 1.0, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offItNeedsNoLocationAndOnWithOneItIsAccepted() {
        assertThat(new CaptureProperties(false, null, 1.0, true).enabled()).isFalse();
        assertThat(new CaptureProperties(true, "file:/data/capture/*.json", 1.0, true).location()).isEqualTo("file:/data/capture/*.json");
    }
}
