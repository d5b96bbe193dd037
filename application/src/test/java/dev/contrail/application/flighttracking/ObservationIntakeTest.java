package dev.contrail.application.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.RecordObservation;
import java.time.Instant;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

class ObservationIntakeTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final ObservationIntake intake = new ObservationIntake(DefaultCommandGateway.builder().commandBus(bus).build());

    @Test
    void sendsOneRecordObservationCommandPerObservationInOrder() {
        var seen = new java.util.ArrayList<String>();
        bus.subscribe(RecordObservation.class.getName(), (CommandMessage<?> command) -> {
            RecordObservation payload = (RecordObservation) command.getPayload();
            seen.add(payload.icao24() + "@" + payload.observation().observedAt().getEpochSecond());
            return null;
        });

        intake.record(observation("a65527", 10));
        intake.record(observation("a34d98", 10));
        intake.record(observation("a65527", 15));

        assertThat(seen).containsExactly("a65527@10", "a34d98@10", "a65527@15");
    }

    @Test
    void aFailedCommandFailsTheCallSoThatTheIntakeCanRetryIt() {
        bus.subscribe(RecordObservation.class.getName(), command -> {
            throw new IllegalStateException("event store unavailable");
        });

        assertThatThrownBy(() -> intake.record(observation("a65527", 10)))
                .hasMessageContaining("event store unavailable");
    }

    private static Observation observation(String icao24, long epochSecond) {
        return new Observation(Icao24.of(icao24), Instant.ofEpochSecond(epochSecond), null, null, null, false,
                null, null, null, null);
    }
}
