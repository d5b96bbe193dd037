package dev.contrail.readmodels.projection;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Where a staged write came from: the record's topic, partition and offset, and its key and value exactly as they
 * were read, so that the record can be dead-lettered if the write it became turns out to be impossible (ADR 0025).
 *
 * @param key   the record's key bytes, or null
 * @param value the record's value bytes, or null when Kafka Streams no longer had them
 */
public record SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    /**
     * The record the processor of {@code context} is processing now. Kafka Streams keeps the raw bytes of that record
     * for its error handlers (KIP-1033); they are read from its record context, an internal interface, and are null
     * when Kafka Streams hands the processor no such context.
     */
    public static SourceRecord of(ProcessorContext<?, ?> context) {
        var metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException("Not processing a record"));
        byte[] key = null;
        byte[] value = null;
        if (context instanceof InternalProcessorContext<?, ?> internal) {
            ProcessorRecordContext current = internal.recordContext();
            if (current != null) {
                key = current.sourceRawKey();
                value = current.sourceRawValue();
            }
        }
        return new SourceRecord(metadata.topic(), metadata.partition(), metadata.offset(), key, value);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
