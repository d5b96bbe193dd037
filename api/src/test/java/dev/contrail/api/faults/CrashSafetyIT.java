package dev.contrail.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test's small variant, in every build (ADR 0026): Contrail as a separate process on the durable embedded
 * default, killed with SIGKILL a few times (during ingest, during a rebuild), restarted, drained, checked end to end.
 * {@code -Dcontrail.fault.kills=N} makes it the big run (README, Operations).
 */
class CrashSafetyIT {

    @TempDir
    Path data;

    @Test
    void nothingIsLostOrDuplicatedWhenContrailIsKilledDuringIngestAndDuringARebuild() throws Exception {
        int kills = Integer.getInteger("contrail.fault.kills", 2);
        long seed = Long.getLong("contrail.fault.seed", System.nanoTime());
        System.out.println("Fault test: " + kills + " kills, seed " + seed + ", data in " + data);

        var crashSafety = new CrashSafety(data, kills, seed, line -> System.out.println("[fault] " + line));
        CrashSafety.Figures figures = crashSafety.run();

        System.out.println("[fault] FIGURES: " + figures);
        assertThat(figures.killsSurvived()).isEqualTo(kills);
        assertThat(figures.eventsChecked()).as("events checked").isPositive();
        assertThat(figures.stateChangesChecked()).as("state changes checked").isPositive();
        assertThat(figures.lost()).as("lost; the checks found:%n%s", crashSafety.findings()).isZero();
        assertThat(figures.duplicated()).as("duplicated").isZero();
        assertThat(figures.deadLetters()).as("dead letters made; the checks found:%n%s", crashSafety.findings()).isZero();
        assertThat(figures.missingOnTopic()).as("stored events missing on their topic").isZero();
        assertThat(figures.readModelDifferences()).as("read-model rows differing from a rebuild").isZero();
        assertThat(figures.generationsLeftRebuilding()).as("generations left REBUILDING").isZero();
        // Graceful stop, in order, without a warning storm. The goal is 10 s (README); the bound leaves room for a loaded CI machine.
        assertThat(figures.stopMillis()).as("SIGTERM to exit, ms").isLessThan(30_000);
        assertThat(crashSafety.stopWarnings()).as("WARN/ERROR lines while stopping").isLessThan(10);
    }
}
