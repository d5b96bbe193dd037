package dev.contrail.api.streams;

import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.readmodels.projection.RejectedRecords;

/** A projection's refused records go to the dead-letter topic, counted under the projection's name (ADR 0025). */
final class RejectedToDeadLetters {

    private RejectedToDeadLetters() {
    }

    static RejectedRecords of(DeadLetterPublisher deadLetters, String projection) {
        return (source, reason) -> deadLetters.publishFromTopic(projection, reason, source.topic(), source.partition(), source.offset(),
                source.key(), source.value());
    }
}
