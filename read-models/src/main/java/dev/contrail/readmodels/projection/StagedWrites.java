package dev.contrail.readmodels.projection;

/**
 * A projection writer that can stage its writes and write them in batches: what a rebuilding generation does,
 * since it tells no subscriber and a crash discards it anyway (ADR 0010). The registry asks it to write through
 * before the generation takes over, and waits until nothing is staged.
 */
public interface StagedWrites {

    /** Writes everything staged, in the order it was staged. */
    void flush();

    /** How many records are staged and not written yet. */
    int staged();
}
