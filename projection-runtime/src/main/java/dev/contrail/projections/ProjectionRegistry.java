package dev.contrail.projections;

import com.zaxxer.hikari.HikariDataSource;
import dev.contrail.projections.Generation.State;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.readmodels.projection.ProjectionGeneration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Runs every read-model projection as generations and rebuilds them without downtime (ADR 0010, ADR 0029).
 *
 * <p>Each projection has one serving generation: a Kafka Streams application of its own writing into a schema of
 * its own, shown to queries through views in {@code public}. {@link #replay} starts a new generation next to it,
 * from the beginning of the input topics, into a new schema, telling no subscriber. Once it has processed
 * everything the topics held when it started and is within {@code switch-over-max-lag} of their ends
 * ({@link SwitchOver}), one transaction points the views at it and records it as serving; then it notifies
 * subscribers, and the old generation's Kafka Streams application, consumer group, internal topics, local state and
 * schema are removed. A failed or cancelled rebuild removes only its own generation: the serving one never stops serving.
 *
 * <p>The parts: {@link StartupRecovery} (what storage needs at start), {@link GenerationLauncher} (a generation's
 * application, pools and removal), {@link ProjectionMonitor} (offsets every {@code progress-interval}),
 * {@link SwitchOver} (the decision), {@link GenerationBatching} (bulk writes while rebuilding),
 * {@link GenerationProgress} (progress, lag, rate), {@link ProjectionMetrics}, {@link ProjectionHealth} (status).
 * This class holds the state and carries the decisions out. Call {@link #prepareStorage()} before anything reads the
 * views, then {@link #start()}, and {@link #stop()} at shutdown; the API module ties them to Spring's lifecycle. One
 * instance per database: the registry does not coordinate several application instances (ADR 0010).
 */
public class ProjectionRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRegistry.class);

    private final Map<String, RunningProjection> projections = new LinkedHashMap<>();
    private final GenerationStore store;
    private final GenerationSchemas schemas;
    private final GenerationLauncher launcher;
    private final Map<String, Object> adminConfig;
    private final ProjectionMetrics metrics;
    private final ProjectionsProperties properties;
    private final Sinks.Many<ReplayProgress> progress = Sinks.many().multicast().directBestEffort();
    private final List<String> abandonedApplications = new ArrayList<>();

    private KafkaOffsets offsets;
    private ProjectionMonitor monitor;
    private volatile boolean running;

    /**
     * @param dataSource  the registry table's and the schemas' connections (the views are created through it)
     * @param pools       a new, unstarted pool with the database's URL and credentials, for a generation's connections
     * @param adminConfig the configuration of a Kafka admin client
     */
    public ProjectionRegistry(List<ProjectionDefinition> definitions, DataSource dataSource, Supplier<HikariDataSource> pools,
                              StreamsApps apps, Map<String, Object> adminConfig, MeterRegistry meters, ProjectionsProperties properties) {
        this.schemas = new GenerationSchemas(dataSource, pools, properties.poolSize());
        this.store = new GenerationStore(schemas.jdbc());
        this.launcher = new GenerationLauncher(schemas, apps, meters);
        this.adminConfig = Map.copyOf(adminConfig);
        this.metrics = new ProjectionMetrics(meters);
        this.properties = properties;
        for (ProjectionDefinition definition : definitions) {
            if (projections.put(definition.name(), new RunningProjection(definition)) != null) {
                throw new IllegalStateException("Two projections are named " + definition.name());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Storage, before queries (and JPA) read the views

    /** Recovers every projection's storage ({@link StartupRecovery}) and points the views at the serving generations. */
    public void prepareStorage() {
        projections.values().forEach(this::prepareStorage);
    }

    private void prepareStorage(RunningProjection projection) {
        ProjectionDefinition definition = projection.definition;
        String name = definition.name();
        StartupRecovery plan = StartupRecovery.plan(store.inState(name, State.REBUILDING), store.inState(name, State.SERVING),
                schemas::exists);
        plan.interrupted().ifPresent(interrupted -> {
            log.warn("Projection {}: generation {} was still rebuilding when Contrail stopped; discarding it", name, interrupted.number());
            store.end(name, interrupted.number(), State.CANCELLED, "interrupted: Contrail stopped during the rebuild");
            schemas.drop(interrupted.schema());
            abandonedApplications.add(interrupted.applicationId());
        });
        plan.lost().ifPresent(lost -> {
            log.warn("Projection {}: the schema {} of serving generation {} is missing; building a new generation",
                    name, lost.schema(), lost.number());
            store.end(name, lost.number(), State.FAILED, "its schema " + lost.schema() + " was missing");
            abandonedApplications.add(lost.applicationId());
        });
        Generation serving;
        if (plan.createsFirst()) {
            Generation first = launcher.record(definition, store.nextNumber(name), State.SERVING);
            schemas.create(definition, first.schema());
            schemas.transaction().executeWithoutResult(status -> {
                store.insert(first);
                schemas.pointViewsAt(definition, first.schema());
            });
            log.info("Projection {}: generation {} created in schema {}; it builds from the beginning of {}",
                    name, first.number(), first.schema(), definition.inputTopics());
            serving = first;
        } else {
            serving = plan.serving().orElseThrow();
            schemas.transaction().executeWithoutResult(status -> schemas.pointViewsAt(definition, serving.schema()));
        }
        projection.servingRecord = serving;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lifecycle

    /** Runs every serving generation (rebuilding those built by other code) and starts the monitor. */
    public synchronized void start() {
        offsets = new KafkaOffsets(Admin.create(adminConfig));
        monitor = new ProjectionMonitor(offsets);
        for (String application : abandonedApplications) {
            try {
                offsets.deleteApplication(application);
            } catch (RuntimeException e) {
                log.warn("Could not delete the Kafka state of abandoned generation {}: {}", application, e.getMessage());
            }
        }
        abandonedApplications.clear();
        for (RunningProjection projection : projections.values()) {
            metrics.register(projection);
            Generation serving = projection.servingRecord;
            if (serving.version() == projection.definition.version()) {
                projection.serving = launcher.launch(projection.definition, serving, true);
            } else {
                // Built by other code: keep serving what it holds (consistent, if not fresh) while its replacement builds.
                projection.serving = launcher.frozen(serving);
                log.info("Projection {}: serving generation {} was built by version {}, the code is version {}; rebuilding",
                        serving.projection(), serving.number(), serving.version(), projection.definition.version());
                replay(projection.definition.name());
            }
        }
        monitor.start(properties.progressInterval(), this::monitor);
        running = true;
    }

    /** Stops the monitor and every generation; a rebuild still running is cancelled (and found so at the next start). */
    public synchronized void stop() {
        running = false;
        if (monitor != null) {
            monitor.stop();
        }
        for (RunningProjection projection : projections.values()) {
            synchronized (projection) {
                if (projection.rebuilding != null) {
                    RunningGeneration interrupted = projection.rebuilding;
                    projection.rebuilding = null;
                    store.end(interrupted.record.projection(), interrupted.record.number(), State.CANCELLED,
                            "interrupted: Contrail stopped during the rebuild");
                    launcher.discard(interrupted, offsets);
                }
                if (projection.serving != null) {
                    projection.serving.close(false);
                }
            }
        }
        if (offsets != null) {
            offsets.close();
        }
    }

    public boolean isRunning() {
        return running;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operations

    /** Starts rebuilding a projection into a new generation; the serving one keeps serving until it takes over. */
    public Generation replay(String name) {
        RunningProjection projection = projection(name);
        synchronized (projection) {
            if (!running && projection.serving == null) {
                throw new IllegalStateException("Contrail is not running its projections yet");
            }
            if (projection.rebuilding != null) {
                throw new ReplayConflictException("Projection " + name + " is already rebuilding generation "
                        + projection.rebuilding.record.number() + "; cancel it first or wait for it to take over");
            }
            ProjectionDefinition definition = projection.definition;
            Generation record = launcher.record(definition, store.nextNumber(name), State.REBUILDING);
            store.insert(record);
            try {
                schemas.create(definition, record.schema());
                List<TopicPartition> inputs = monitor.partitions(definition);
                Map<TopicPartition, Long> earliest = offsets.earliest(inputs);
                Map<TopicPartition, Long> targets = offsets.latest(inputs);
                RunningGeneration generation = launcher.launch(definition, record, false);
                generation.progress.rebuildFrom(earliest, targets);
                projection.rebuilding = generation;
                long total = generation.progress.total();
                publish(projection, new ReplayProgress(name, record.number(), State.REBUILDING, 0, total, 0, null, total, null));
                log.info("Projection {}: rebuilding generation {} into {} from {} records of {}", name, record.number(),
                        record.schema(), total, definition.inputTopics());
                return record;
            } catch (RuntimeException e) {
                store.end(name, record.number(), State.FAILED, "could not start: " + e.getMessage());
                schemas.drop(record.schema());
                throw e;
            }
        }
    }

    /** Stops a projection's rebuild and removes what it built; the serving generation is untouched. */
    public Generation cancel(String name) {
        RunningProjection projection = projection(name);
        synchronized (projection) {
            RunningGeneration rebuilding = projection.rebuilding;
            if (rebuilding == null) {
                throw new ReplayConflictException("Projection " + name + " is not rebuilding");
            }
            projection.rebuilding = null;
            store.end(name, rebuilding.record.number(), State.CANCELLED, "cancelled by an operator");
            launcher.discard(rebuilding, offsets);
            publish(projection, rebuilding.progress(State.CANCELLED, "cancelled by an operator"));
            metrics.rebuildEnded(name, "cancelled");
            log.info("Projection {}: rebuild of generation {} cancelled", name, rebuilding.record.number());
            return store.history(name).stream().filter(g -> g.number() == rebuilding.record.number()).findFirst().orElseThrow();
        }
    }

    /** Progress of a projection's rebuild: the latest report, then each new one, until it takes over, fails or is cancelled. */
    public Flux<ReplayProgress> progress(String name) {
        RunningProjection projection = projection(name);
        return Flux.defer(() -> {
            ReplayProgress last = projection.lastProgress;
            if (last == null) {
                return Flux.empty();
            }
            if (last.finished()) {
                return Flux.just(last);
            }
            return Flux.just(last)
                    .concatWith(progress.asFlux().filter(report -> report.projection().equals(name)))
                    .takeUntil(ReplayProgress::finished);
        });
    }

    public List<ProjectionStatus> statuses() {
        return projections.values().stream().map(RunningProjection::status).toList();
    }

    public ProjectionStatus status(String name) {
        return projection(name).status();
    }

    /** The serving generation of a projection, e.g. to read its Kafka Streams application.id or write to it in a test. */
    public ProjectionGeneration serving(String name) {
        return projection(name).serving;
    }

    /** The Kafka Streams application.id (and consumer group) of a projection's serving generation. */
    public String servingApplicationId(String name) {
        return projection(name).serving.record.applicationId();
    }

    /** Every projection generation's Kafka Streams state, for health. */
    public Map<String, KafkaStreams.State> streamsStates() {
        Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
        for (RunningProjection projection : projections.values()) {
            for (RunningGeneration generation : projection.generations()) {
                KafkaStreams.State state = generation.streamsState();
                if (state != null) {
                    states.put(generation.record.applicationId(), state);
                }
            }
        }
        return states;
    }

    /** Whether every serving generation runs (a failed rebuild does not make Contrail unhealthy: the serving one serves). */
    public boolean servingHealthy() {
        return projections.values().stream().allMatch(RunningProjection::servingHealthy);
    }

    public Set<String> names() {
        return projections.keySet();
    }

    private RunningProjection projection(String name) {
        RunningProjection projection = projections.get(name);
        if (projection == null) {
            throw new NoSuchElementException("No projection is named '" + name + "'; known: " + String.join(", ", projections.keySet()));
        }
        return projection;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monitor: progress, lag, switch-over, failures

    private void monitor() {
        try {
            ProjectionMonitor.Look look = monitor.look(projections.values());
            for (RunningProjection projection : projections.values()) {
                synchronized (projection) {
                    look.measure(projection);
                    RunningGeneration rebuilding = projection.rebuilding;
                    if (rebuilding == null) {
                        continue;
                    }
                    GenerationProgress measured = rebuilding.progress;
                    SwitchOver.Decision decision = SwitchOver.decide(rebuilding.failure, rebuilding.streamsState(),
                            measured.reachedTargets(), measured.lag(), properties.switchOverMaxLag());
                    if (decision instanceof SwitchOver.Fail fail) {
                        fail(projection, rebuilding, fail.reason());
                    } else if (decision instanceof SwitchOver.TakeOver) {
                        // From now on the generation writes in small batches, as a serving one does; what its rebuild
                        // staged is written before it takes over.
                        rebuilding.batching.writeThrough();
                        switchOver(projection, rebuilding);
                    } else {
                        publish(projection, rebuilding.progress(State.REBUILDING, null));
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Projection monitor: could not read offsets ({}); retrying", e.getMessage());
        }
    }

    private void switchOver(RunningProjection projection, RunningGeneration next) {
        ProjectionDefinition definition = projection.definition;
        RunningGeneration old = projection.serving;
        schemas.transaction().executeWithoutResult(status -> {
            store.end(definition.name(), old.record.number(), State.RETIRED, null);
            store.serve(definition.name(), next.record.number());
            schemas.pointViewsAt(definition, next.record.schema());
        });
        old.retire();
        launcher.makeDurable(next);
        next.serve();
        projection.serving = next;
        projection.rebuilding = null;
        publish(projection, next.progress(State.SERVING, null));
        metrics.rebuildEnded(definition.name(), "switched");
        log.info("Projection {}: generation {} took over from generation {} ({} records in {} s)", definition.name(),
                next.record.number(), old.record.number(), next.progress.total(),
                Duration.between(next.record.startedAt(), Instant.now()).toSeconds());
        launcher.discard(old, offsets);
    }

    private void fail(RunningProjection projection, RunningGeneration rebuilding, String reason) {
        projection.rebuilding = null;
        store.end(projection.definition.name(), rebuilding.record.number(), State.FAILED, reason);
        launcher.discard(rebuilding, offsets);
        publish(projection, rebuilding.progress(State.FAILED, reason));
        metrics.rebuildEnded(projection.definition.name(), "failed");
        log.error("Projection {}: rebuild of generation {} failed: {}; generation {} keeps serving", projection.definition.name(),
                rebuilding.record.number(), reason, projection.serving.record.number());
    }

    private void publish(RunningProjection projection, ReplayProgress report) {
        projection.lastProgress = report;
        synchronized (progress) {
            progress.tryEmitNext(report);
        }
    }
}
