package dev.contrail.projections.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FlushBeforeCommitTest {

    private static final TopicPartition PARTITION = new TopicPartition("flight-tracking.observations", 0);

    private final MockConsumer<String, String> kafka = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final FlushBeforeCommit gate = new FlushBeforeCommit();
    private final Consumer<String, String> consumer = gate.guard(kafka);

    FlushBeforeCommitTest() {
        kafka.assign(List.of(PARTITION));
    }

    @Test
    void flushesWhatIsStagedBeforeTheOffsetsAreCommitted() {
        List<String> seen = new ArrayList<>();
        gate.register(() -> seen.add("flushed with committed offset " + committedOffset()));

        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(42)));

        assertThat(seen).containsExactly("flushed with committed offset none");
        assertThat(committedOffset()).isEqualTo("42");
    }

    @Test
    void everyKindOfCommitFlushesFirst() {
        List<String> seen = new ArrayList<>();
        gate.register(() -> seen.add("flush"));

        consumer.commitSync();
        consumer.commitAsync();
        consumer.commitAsync(Map.of(PARTITION, new OffsetAndMetadata(7)), null);

        assertThat(seen).hasSize(3);
    }

    @Test
    void aFailedFlushFailsTheCommitSoTheOffsetsDoNotMove() {
        gate.register(() -> {
            throw new IllegalStateException("PostgreSQL is down");
        });

        assertThatThrownBy(() -> consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(42))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PostgreSQL is down");
        assertThat(committedOffset()).isEqualTo("none");
    }

    @Test
    void aClosedRegistrationNoLongerFlushesAndOtherCallsPassThrough() {
        List<String> seen = new ArrayList<>();
        FlushBeforeCommit.Registration registration = gate.register(() -> seen.add("flush"));
        registration.close();

        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(3)));

        assertThat(seen).isEmpty();
        assertThat(gate.registered()).isZero();
        assertThat(consumer.assignment()).isEqualTo(Set.of(PARTITION));
    }

    private String committedOffset() {
        OffsetAndMetadata committed = kafka.committed(Set.of(PARTITION)).get(PARTITION);
        return committed == null ? "none" : String.valueOf(committed.offset());
    }
}
