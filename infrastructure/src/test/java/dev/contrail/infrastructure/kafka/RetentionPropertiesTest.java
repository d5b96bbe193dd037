package dev.contrail.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retention rule of ADR 0028: the observation topics keep at least the history the flight tracks promise. */
class RetentionPropertiesTest {

    @Test
    void theDefaultsKeepTheObservationsADayLongerThanTheTrackPoints() {
        RetentionProperties defaults = RetentionProperties.defaults();
        assertThat(defaults.observations()).isEqualTo(defaults.trackPoints().plus(Duration.ofDays(1)));
    }

    @Test
    void trackPointsKeptLongerThanTheObservationTopicAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(7),
                Duration.ofHours(1), 10_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contrail.retention.observations (PT168H) must be at least contrail.retention.track-points (PT720H)");
    }

    @Test
    void aPurgeBatchBelowOneIsRefused() {
        assertThatThrownBy(() -> new RetentionProperties(Duration.ofDays(8), Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(7),
                Duration.ofHours(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purge-batch");
    }
}
