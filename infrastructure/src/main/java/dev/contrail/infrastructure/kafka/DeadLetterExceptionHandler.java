package dev.contrail.infrastructure.kafka;

import dev.contrail.schemas.kafka.TransientFailures;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No record stops a topology (ADR 0025): configured as the deserialization and the processing exception handler of
 * every Contrail Kafka Streams application, it sends a record that cannot be deserialized, or whose processing fails
 * for good, to {@code contrail.dead-letters} — with its topic, partition, offset, key and original value bytes, and
 * the reason — counts it, and tells Kafka Streams to go on with the next record.
 *
 * <p>The dead letter is sent synchronously: when the handler answers CONTINUE the broker has it, so the offset
 * committed later past the record does not lose it. If it cannot be sent, the handler answers FAIL and nothing is
 * skipped. A transient failure (the database away, {@link TransientFailures}) is not the record's fault: it is never
 * dead-lettered; the handler waits (backing off, see {@link StreamsDeadLetters}) and answers FAIL, the stream thread
 * is replaced and processes the record again from the last committed offset.
 */
public class DeadLetterExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** The configuration key under which an application's {@link StreamsDeadLetters} is passed. */
    public static final String CONFIG = "contrail.dead-letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private StreamsDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(CONFIG) instanceof StreamsDeadLetters configured)) {
            throw new ConfigException(CONFIG, configs.get(CONFIG), "must be the application's StreamsDeadLetters");
        }
        this.deadLetters = configured;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        // E.g. the schema registry out of reach (ADR 0037): the record is fine, reading it again later cures it.
        if (backedOffAfterTransientFailure(exception, "could not deserialize " + record.topic() + "-" + record.partition()
                + "@" + record.offset() + " for a transient reason; backing off, then reading it again")) {
            return DeserializationHandlerResponse.FAIL;
        }
        try {
            deadLetters.publish(TransientFailures.describe(exception), record.topic(), record.partition(), record.offset(),
                    record.key(), record.value());
            return DeserializationHandlerResponse.CONTINUE;
        } catch (RuntimeException e) {
            log.error("Could not dead-letter the undeserializable record {}-{}@{}; stopping rather than skipping it",
                    record.topic(), record.partition(), record.offset(), e);
            return DeserializationHandlerResponse.FAIL;
        }
    }

    /**
     * For a failure that trying again later cures (the database or the registry away): logs it, waits out the back-off
     * and returns true, so that the caller fails the thread and the record is read again from the last commit; false
     * for any other failure, which is the record's and goes to the dead letters.
     */
    private boolean backedOffAfterTransientFailure(Exception exception, String what) {
        if (!TransientFailures.isTransient(exception)) {
            return false;
        }
        log.warn("{} {}: {}", deadLetters.stage(), what, exception.getMessage());
        try {
            deadLetters.pauseAfterTransientFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (backedOffAfterTransientFailure(exception, "failed transiently in " + context.processorNodeId() + " at "
                + context.topic() + "-" + context.partition() + "@" + context.offset() + "; backing off, then processing it again")) {
            return ProcessingHandlerResponse.FAIL;
        }
        if (context.topic() == null) {
            // A punctuation, not a record: there is nothing to dead-letter.
            log.error("{} failed in {} outside any record", deadLetters.stage(), context.processorNodeId(), exception);
            return ProcessingHandlerResponse.FAIL;
        }
        try {
            deadLetters.publish(TransientFailures.describe(exception), context.topic(), context.partition(), context.offset(),
                    context.sourceRawKey(), context.sourceRawValue());
            return ProcessingHandlerResponse.CONTINUE;
        } catch (RuntimeException e) {
            log.error("Could not dead-letter the record {}-{}@{} that {} failed to process; stopping rather than skipping it",
                    context.topic(), context.partition(), context.offset(), context.processorNodeId(), e);
            return ProcessingHandlerResponse.FAIL;
        }
    }
}
