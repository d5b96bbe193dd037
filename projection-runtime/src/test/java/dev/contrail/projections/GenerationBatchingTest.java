package dev.contrail.projections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.readmodels.projection.StagedWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class GenerationBatchingTest {

    /** A writer that stages what it is given and writes it on flush. */
    private static final class Writer implements StagedWrites {
        final List<String> staged = new ArrayList<>();
        final List<String> written = new ArrayList<>();

        @Override
        public void flush() {
            written.addAll(staged);
            staged.clear();
        }

        @Override
        public int staged() {
            return staged.size();
        }
    }

    @Test
    void aServingGenerationWritesWhatItStagedBeforeEveryCommitAndBatchesSmall() {
        var batching = new GenerationBatching(true);
        var writer = new Writer();
        BooleanSupplier bulk = batching.register(writer);
        writer.staged.add("a65527");

        batching.beforeCommit().flushAll();

        assertThat(writer.written).containsExactly("a65527");
        assertThat(bulk.getAsBoolean()).isFalse();
    }

    @Test
    void aRebuildingGenerationsCommitsDoNotWaitForItsLargeBatches() {
        var batching = new GenerationBatching(false);
        var writer = new Writer();
        BooleanSupplier bulk = batching.register(writer);
        writer.staged.add("a65527");

        batching.beforeCommit().flushAll();

        assertThat(writer.written).isEmpty();
        assertThat(bulk.getAsBoolean()).isTrue();
    }

    @Test
    void beforeItTakesOverEverythingStagedIsWrittenAndFromThenOnEveryCommitWrites() {
        var batching = new GenerationBatching(false);
        var tracks = new Writer();
        var stats = new Writer();
        BooleanSupplier bulk = batching.register(tracks);
        batching.register(stats);
        tracks.staged.add("a65527");
        stats.staged.add("4ca1fa");

        batching.writeThrough();

        assertThat(tracks.written).containsExactly("a65527");
        assertThat(stats.written).containsExactly("4ca1fa");
        assertThat(bulk.getAsBoolean()).isFalse();
        assertThat(batching.writesThrough()).isTrue();
        tracks.staged.add("3c6444");
        batching.beforeCommit().flushAll();
        assertThat(tracks.written).containsExactly("a65527", "3c6444");
    }
}
