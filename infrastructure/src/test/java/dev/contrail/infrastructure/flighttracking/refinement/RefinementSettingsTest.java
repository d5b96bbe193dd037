package dev.contrail.infrastructure.flighttracking.refinement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RefinementSettingsTest {

    @Test
    void theConfiguredDefaultsAreTheOnesTheTopologyUsesWhenNoneAreGiven() {
        RefinementSettings bound = new Binder(new MapConfigurationPropertySource()).bindOrCreate("contrail.refinement", RefinementSettings.class);
        assertThat(bound).isEqualTo(RefinementSettings.defaults());
    }

    @Test
    void operatorsCanTuneEachThreshold() {
        var properties = new MapConfigurationPropertySource(Map.of(
                "contrail.refinement.settle-time", "10s",
                "contrail.refinement.max-touchdown-speed-mps", "90"));
        RefinementSettings bound = new Binder(properties).bindOrCreate("contrail.refinement", RefinementSettings.class);
        assertThat(bound.settleTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound.maxTouchdownSpeedMps()).isEqualTo(90.0);
    }
}
