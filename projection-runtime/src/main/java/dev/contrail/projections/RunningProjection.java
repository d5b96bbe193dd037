package dev.contrail.projections;

import dev.contrail.readmodels.projection.ProjectionDefinition;
import java.util.ArrayList;
import java.util.List;

/** A projection's generations now (ADR 0010): the serving one, and the one rebuilding next to it. Guarded by its own monitor. */
final class RunningProjection {

    final ProjectionDefinition definition;
    // The serving generation found when preparing storage, until start() runs it.
    Generation servingRecord;
    volatile RunningGeneration serving;
    volatile RunningGeneration rebuilding;
    volatile ReplayProgress lastProgress;

    RunningProjection(ProjectionDefinition definition) {
        this.definition = definition;
    }

    String name() {
        return definition.name();
    }

    List<RunningGeneration> generations() {
        List<RunningGeneration> generations = new ArrayList<>(2);
        RunningGeneration current = serving;
        if (current != null) {
            generations.add(current);
        }
        RunningGeneration next = rebuilding;
        if (next != null) {
            generations.add(next);
        }
        return generations;
    }

    ProjectionStatus status() {
        synchronized (this) {
            RunningGeneration current = serving;
            RunningGeneration next = rebuilding;
            String state = current == null ? (next == null ? "RUNNING" : "REBUILDING")
                    : ProjectionHealth.state(current.failure, current.record.version(), definition.version(), next != null);
            return new ProjectionStatus(definition.name(), definition.version(), state, current == null ? null : current.failure,
                    current == null ? null : current.status(), next == null ? null : next.status(), lastProgress);
        }
    }

    /** Whether its serving generation keeps its read model moving (a failed rebuild does not matter: the serving one serves). */
    boolean servingHealthy() {
        RunningGeneration current = serving;
        return current == null || ProjectionHealth.servingHealthy(current.failure, current.streamsState());
    }
}
