package dev.contrail.readmodels.projection;

/**
 * A projection writer that stages its writes and writes them in batches (ADR 0020): a round trip and a commit per
 * batch instead of per record. Whatever is staged is written before the projection's Kafka Streams application
 * commits the offsets of the records behind it, and before a rebuilt generation takes over (ADR 0010).
 */
public interface StagedWrites {

    /** Writes everything staged, in the order it was staged. */
    void flush();

    /** How many records are staged and not written yet. */
    int staged();
}
