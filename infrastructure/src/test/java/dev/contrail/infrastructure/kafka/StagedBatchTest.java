package dev.contrail.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching policy the intakes share (ADR 0020, ADR 0044): full, due, or asked; in the order staged; sent once. */
class StagedBatchTest {

    private final List<List<String>> sent = new ArrayList<>();
    private final StagedBatch<String> batch = new StagedBatch<>(3, 50, sent::add);

    @Test
    void aFullBatchIsSentAtOnceInTheOrderStaged() {
        batch.add("a", 0);
        batch.add("b", 1);
        assertThat(sent).isEmpty();

        batch.add("c", 2);

        assertThat(sent).containsExactly(List.of("a", "b", "c"));
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void aBatchIsDueWhenItsOldestHasWaitedLongEnough() {
        batch.add("a", 100);
        batch.add("b", 140);

        batch.flushIfDue(149);
        assertThat(sent).isEmpty();
        batch.flushIfDue(150);

        assertThat(sent).containsExactly(List.of("a", "b"));
        // The next batch's wait starts with its own first item.
        batch.add("c", 160);
        batch.flushIfDue(200);
        assertThat(sent).hasSize(1);
        batch.flushIfDue(210);
        assertThat(sent).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void nothingStagedSendsNothing() {
        batch.flush();
        batch.flushIfDue(Long.MAX_VALUE);

        assertThat(sent).isEmpty();
    }

    @Test
    void aBatchWhoseSendingFailsIsNotSentAgain() {
        var failing = new StagedBatch<String>(10, 50, items -> {
            sent.add(items);
            throw new IllegalStateException("event store away");
        });
        failing.add("a", 0);

        assertThatIllegalStateException().isThrownBy(failing::flush);
        failing.flush();

        assertThat(sent).containsExactly(List.of("a"));
        assertThat(failing.isEmpty()).isTrue();
    }
}
