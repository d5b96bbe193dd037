package dev.contrail.readmodels.projection;

/**
 * Where a projection sends the records whose writes its read model refuses for good — a value too long for its column,
 * say — so that they are not written, not retried forever, and not lost: the dead-letter topic (ADR 0025).
 * Synchronous: once it returns, the dead letter is safe, and the offset past the record may be committed.
 */
@FunctionalInterface
public interface RejectedRecords {

    void reject(SourceRecord source, String reason);

    /** For tests and tools without a dead-letter topic: a refused write fails as it always did. */
    RejectedRecords NONE = (source, reason) -> {
        throw new IllegalStateException("Write of " + source + " refused: " + reason);
    };
}
