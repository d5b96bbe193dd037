package dev.contrail.domain.airport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MovementTest {

    private static final Instant AT = Instant.parse("2023-03-14T14:20:57Z");
    private final AggregateTestFixture<Movement> fixture = new AggregateTestFixture<>(Movement.class);

    @Test
    void aDepartureIsRecordedOnce() {
        var command = new RecordMovement(MovementKind.DEPARTURE, "KIAD", "30", "a445ee-1678803647", "a445ee", "UAL1744", AT, 38.9348, -77.46);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new DepartureRecorded("a445ee-1678803647/departure", "KIAD", "30", "a445ee-1678803647", "a445ee", "UAL1744", AT,
                        38.9348, -77.46))
                .expectResultMessagePayload(true);
        fixture.given(new DepartureRecorded("a445ee-1678803647/departure", "KIAD", "30", "a445ee-1678803647", "a445ee", "UAL1744", AT,
                        38.9348, -77.46))
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void anArrivalIsRecordedOnce() {
        var command = new RecordMovement(MovementKind.ARRIVAL, "KIAD", null, "ac7452-1678803647", "ac7452", "EJA901", AT, 38.9355, -77.4622);
        var recorded = new ArrivalRecorded("ac7452-1678803647/arrival", "KIAD", null, "ac7452-1678803647", "ac7452", "EJA901", AT, 38.9355,
                -77.4622);
        fixture.givenNoPriorActivity().when(command).expectEvents(recorded);
        fixture.given(recorded).when(command).expectNoEvents();
    }

    @Test
    void aFlightDepartsOnceAndArrivesOnce() {
        assertThat(Movement.idOf("f", MovementKind.DEPARTURE)).isNotEqualTo(Movement.idOf("f", MovementKind.ARRIVAL));
        assertThatThrownBy(() -> new RecordMovement("other", MovementKind.ARRIVAL, "KIAD", null, "f", "a", null, AT, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
