package dev.contrail.infrastructure.kafka;

import dev.contrail.schemas.kafka.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link DeadLetterExceptionHandler} needs of one Kafka Streams application (ADR 0025): where its dead letters
 * go and under which stage they are counted, and how long it waits after a transient failure before it lets its stream
 * thread fail and be replaced — longer after each one in a row. Passed to the handler in the application's
 * configuration under {@link DeadLetterExceptionHandler#CONFIG}.
 */
public final class StreamsDeadLetters {

    /** A transient failure this long after the previous one starts the waits from the beginning again. */
    private static final Duration QUIET = Duration.ofMinutes(5);

    private final DeadLetterPublisher publisher;
    private final String stage;
    private final Backoff backoff;
    private int failuresInARow;
    private long lastFailureAt;

    public StreamsDeadLetters(DeadLetterPublisher publisher, String stage, Backoff backoff) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    public StreamsDeadLetters(DeadLetterPublisher publisher, String stage) {
        this(publisher, stage, Backoff.standard());
    }

    public String stage() {
        return stage;
    }

    /** Dead-letters a record read from {@code topic} (see {@link DeadLetterPublisher#publishFromTopic}). */
    public void publish(String reason, String topic, int partition, long offset, byte[] key, byte[] value) {
        publisher.publishFromTopic(stage, reason, topic, partition, offset, key, value);
    }

    /** Waits after a transient failure: 100 ms after the first in a row, doubling up to 30 s, with jitter. */
    public void pauseAfterTransientFailure() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (failuresInARow > 0 && now - lastFailureAt > QUIET.toNanos()) {
                failuresInARow = 0;
            }
            lastFailureAt = now;
            wait = backoff.delay(failuresInARow++);
        }
        Thread.sleep(wait.toMillis());
    }
}
