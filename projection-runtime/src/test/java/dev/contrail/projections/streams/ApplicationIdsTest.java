package dev.contrail.projections.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplicationIdsTest {

    private final ApplicationIds ids = new ApplicationIds("contrail");

    @Test
    void applicationsAndGenerationsAreNamedUnderThePrefix() {
        assertThat(ids.of("refinement")).isEqualTo("contrail-refinement");
        assertThat(ids.generation("live-flights", 3)).isEqualTo("contrail-projection-live-flights-g3");
    }

    @Test
    void deadLettersAreCountedUnderTheConsumerOrTheProjection() {
        assertThat(ids.stage("contrail-refinement")).isEqualTo("refinement");
        assertThat(ids.stage("contrail-projection-live-flights-g3")).isEqualTo("live-flights");
        assertThat(ids.stage("contrail-projection-flight-g12")).isEqualTo("flight");
        assertThat(ids.stage("other-app")).isEqualTo("other-app");
    }
}
