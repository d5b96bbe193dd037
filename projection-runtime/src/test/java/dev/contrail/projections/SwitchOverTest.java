package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.projections.SwitchOver.Decision;
import dev.contrail.projections.SwitchOver.Fail;
import dev.contrail.projections.SwitchOver.KeepBuilding;
import dev.contrail.projections.SwitchOver.TakeOver;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwitchOverTest {

    private static final long MAX_LAG = 1000;

    @ParameterizedTest(name = "failure={0}, streams={1}, reached={2}, lag={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            // failure,              streams,          reached, lag,  decision
            "-,                      RUNNING,          true,    0,    TakeOver",
            "-,                      RUNNING,          true,    1000, TakeOver",
            "-,                      RUNNING,          true,    1001, KeepBuilding",
            "-,                      RUNNING,          false,   0,    KeepBuilding",
            "-,                      REBALANCING,      true,    0,    KeepBuilding",
            "-,                      CREATED,          true,    0,    KeepBuilding",
            "-,                      ERROR,            true,    0,    Fail",
            "-,                      PENDING_ERROR,    false,   5000, Fail",
            "-,                      NOT_RUNNING,      true,    0,    Fail",
            "-,                      PENDING_SHUTDOWN, true,    0,    Fail",
            "SQLException: gone,     RUNNING,          true,    0,    Fail",
            "SQLException: gone,     REBALANCING,      false,   9,    Fail",
    })
    void decides(String failure, State streams, boolean reachedTargets, long lag, String expected) {
        Decision decision = SwitchOver.decide(failure, streams, reachedTargets, lag, MAX_LAG);

        assertThat(decision.getClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ERROR", "NOT_RUNNING"})
    void aStoppedApplicationSaysSo(State streams) {
        assertThat(SwitchOver.decide(null, streams, true, 0, MAX_LAG))
                .isEqualTo(new Fail("its Kafka Streams application stopped (" + streams + ")"));
    }

    @org.junit.jupiter.api.Test
    void aThreadsFailureIsTheReasonEvenWhenCaughtUp() {
        assertThat(SwitchOver.decide("IllegalStateException: boom", State.RUNNING, true, 0, MAX_LAG))
                .isEqualTo(new Fail("IllegalStateException: boom"));
        assertThat(SwitchOver.decide(null, State.RUNNING, true, 0, MAX_LAG)).isEqualTo(new TakeOver());
        assertThat(SwitchOver.decide(null, State.RUNNING, false, 0, MAX_LAG)).isEqualTo(new KeepBuilding());
    }
}
