package dev.contrail.infrastructure.kafka;

import static dev.contrail.schemas.Topics.DEAD_LETTERS;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.schemas.Topics.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends what Contrail could not process to the dead-letter topic, with the original bytes untouched and the
 * reason in headers, and counts it in {@code contrail.dead.letters} (tag {@code stage}). Nothing rejected is
 * dropped silently.
 */
public class DeadLetterPublisher {

    public static final String METRIC = "contrail.dead.letters";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    public DeadLetterPublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    public CompletableFuture<SendResult<String, byte[]>> publish(String stage, String source, String reason, byte[] original) {
        counter(meters, stage).increment();
        var headers = headers(stage, source, reason);
        log.warn("Dead letter from {} ({}): {}", stage, source, reason);
        return kafka.send(new ProducerRecord<>(DEAD_LETTERS, null, source, original, headers));
    }

    /**
     * Dead-letters a record read from a Kafka topic, counted, with every header of {@link DeadLetterHeaders} — its
     * topic, partition, offset and key, so that it can be found and re-driven — and its value byte for byte; keyed
     * by {@code topic-partition@offset}. Waits until the broker has it (acks=all), so that a caller that goes on, or
     * commits the offset behind it, has not lost it; a send that fails is thrown.
     */
    public void publishFromTopic(String stage, String reason, String topic, int partition, long offset, byte[] key, byte[] value) {
        String source = topic + "-" + partition + "@" + offset;
        var headers = headers(stage, source, reason)
                .add(DeadLetterHeaders.TOPIC, topic.getBytes(UTF_8))
                .add(DeadLetterHeaders.PARTITION, Integer.toString(partition).getBytes(UTF_8))
                .add(DeadLetterHeaders.OFFSET, Long.toString(offset).getBytes(UTF_8));
        if (key != null) {
            headers.add(DeadLetterHeaders.KEY, key);
        }
        log.warn("Dead letter from {} ({}): {}", stage, source, reason);
        try {
            kafka.send(new ProducerRecord<>(DEAD_LETTERS, null, source, value, headers)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while dead-lettering " + source, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Could not dead-letter " + source + " (" + reason + ")", e.getCause() == null ? e : e.getCause());
        }
        counter(meters, stage).increment();
    }

    /** The headers every dead letter carries: why, which stage, and where it came from. */
    private static RecordHeaders headers(String stage, String source, String reason) {
        var headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, reason.getBytes(UTF_8))
                .add(DeadLetterHeaders.STAGE, stage.getBytes(UTF_8))
                .add(DeadLetterHeaders.SOURCE, source.getBytes(UTF_8));
        return headers;
    }

    /** The dead-letter counter of one stage; shared with Kafka Streams topologies that route to the topic themselves. */
    public static Counter counter(MeterRegistry meters, String stage) {
        return Counter.builder(METRIC)
                .description("Records that could not be processed and went to " + DEAD_LETTERS)
                .tag("stage", stage)
                .register(meters);
    }
}
