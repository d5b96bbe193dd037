package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionHealthTest {

    @ParameterizedTest(name = "failure={0}, built by v{1}, code v{2}, rebuilding={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "-,           3, 3, false, RUNNING",
            "-,           3, 3, true,  REBUILDING",
            "-,           2, 3, true,  STALE",
            "-,           2, 3, false, STALE",
            "boom,        3, 3, false, FAILED",
            "boom,        2, 3, true,  FAILED",
    })
    void state(String failure, int servingVersion, int codeVersion, boolean rebuilding, String expected) {
        assertThat(ProjectionHealth.state(failure, servingVersion, codeVersion, rebuilding)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "failure={0}, streams={1} -> healthy={2}")
    @CsvSource(nullValues = "-", value = {
            "-,    RUNNING,          true",
            "-,    REBALANCING,      true",
            "-,    CREATED,          true",
            "-,    -,                true",
            "-,    ERROR,            false",
            "-,    PENDING_ERROR,    false",
            "-,    NOT_RUNNING,      false",
            "-,    PENDING_SHUTDOWN, false",
            "boom, RUNNING,          false",
    })
    void servingHealthy(String failure, State streams, boolean expected) {
        assertThat(ProjectionHealth.servingHealthy(failure, streams)).isEqualTo(expected);
    }
}
