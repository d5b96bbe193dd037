package dev.contrail.api.projections;

import dev.contrail.api.projections.Generation.State;
import dev.contrail.api.projections.ProjectionStatus.GenerationStatus;
import dev.contrail.api.projections.ProjectionStatus.PartitionLag;
import dev.contrail.api.streams.StreamsApps;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import dev.contrail.readmodels.projection.ProjectionGeneration;
import dev.contrail.readmodels.projection.StagedWrites;
import dev.contrail.schemas.kafka.FlushBeforeCommit;
import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Runs every read-model projection as generations and rebuilds them without downtime (ADR 0010).
 *
 * <p>Each projection has one serving generation: a Kafka Streams application of its own writing into a schema of
 * its own, shown to queries through views in {@code public}. {@link #replay} starts a new generation next to it,
 * from the beginning of the input topics, into a new schema, telling no subscriber. Once it has processed
 * everything the topics held when it started and is within {@code switch-over-max-lag} of their ends, one
 * transaction points the views at it and records it as serving; then it notifies subscribers, and the old
 * generation's Kafka Streams application, consumer group, internal topics, local state and schema are removed.
 * A failed or cancelled rebuild removes only its own generation: the serving one never stops serving.
 *
 * <p>Storage is prepared before JPA starts (queries and Hibernate's validation read the views), the Kafka Streams
 * applications start with the other lifecycle beans, and a monitor reads offsets every {@code progress-interval}
 * for progress, lag, metrics and the switch-over. One instance per database: the registry does not coordinate
 * several application instances (ADR 0010).
 */
public class ProjectionRegistry implements InitializingBean, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRegistry.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final GenerationStore store;
    private final GenerationSchemas schemas;
    private final StreamsApps apps;
    private final KafkaAdmin kafkaAdmin;
    private final MeterRegistry meters;
    private final ProjectionsProperties properties;
    private final ObjectProvider<FlywayMigrationInitializer> flyway;
    private final Sinks.Many<ReplayProgress> progress = Sinks.many().multicast().directBestEffort();
    private final List<String> abandonedApplications = new ArrayList<>();
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    private KafkaOffsets offsets;
    private ScheduledExecutorService monitor;
    private volatile boolean running;

    public ProjectionRegistry(List<ProjectionDefinition> definitions, DataSource dataSource, DataSourceProperties connection,
                              StreamsApps apps, KafkaAdmin kafkaAdmin, MeterRegistry meters, ProjectionsProperties properties,
                              ObjectProvider<FlywayMigrationInitializer> flyway) {
        this.schemas = new GenerationSchemas(dataSource, connection, properties.poolSize());
        this.store = new GenerationStore(schemas.jdbc());
        this.apps = apps;
        this.kafkaAdmin = kafkaAdmin;
        this.meters = meters;
        this.properties = properties;
        this.flyway = flyway;
        for (ProjectionDefinition definition : definitions) {
            if (projections.put(definition.name(), new Projection(definition)) != null) {
                throw new IllegalStateException("Two projections are named " + definition.name());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Storage, before JPA

    @Override
    public void afterPropertiesSet() {
        flyway.ifAvailable(initializer -> { }); // the registry table is Flyway's: migrate first
        projections.values().forEach(this::prepareStorage);
    }

    private void prepareStorage(Projection projection) {
        ProjectionDefinition definition = projection.definition;
        store.inState(definition.name(), State.REBUILDING).ifPresent(interrupted -> {
            log.warn("Projection {}: generation {} was still rebuilding when Contrail stopped; discarding it",
                    definition.name(), interrupted.number());
            store.end(definition.name(), interrupted.number(), State.CANCELLED, "interrupted: Contrail stopped during the rebuild");
            schemas.drop(interrupted.schema());
            abandonedApplications.add(interrupted.applicationId());
        });
        Generation serving = store.inState(definition.name(), State.SERVING).orElse(null);
        if (serving != null && !schemas.exists(serving.schema())) {
            log.warn("Projection {}: the schema {} of serving generation {} is missing; building a new generation",
                    definition.name(), serving.schema(), serving.number());
            store.end(definition.name(), serving.number(), State.FAILED, "its schema " + serving.schema() + " was missing");
            abandonedApplications.add(serving.applicationId());
            serving = null;
        }
        if (serving == null) {
            Generation first = newGeneration(definition, State.SERVING);
            schemas.create(definition, first.schema());
            schemas.transaction().executeWithoutResult(status -> {
                store.insert(first);
                schemas.pointViewsAt(definition, first.schema());
            });
            log.info("Projection {}: generation {} created in schema {}; it builds from the beginning of {}",
                    definition.name(), first.number(), first.schema(), definition.inputTopics());
            serving = first;
        } else {
            Generation current = serving;
            schemas.transaction().executeWithoutResult(status -> schemas.pointViewsAt(definition, current.schema()));
        }
        projection.servingRecord = serving;
    }

    private Generation newGeneration(ProjectionDefinition definition, State state) {
        int number = store.nextNumber(definition.name());
        Instant now = Instant.now();
        return new Generation(definition.name(), number, definition.version(), state,
                GenerationSchemas.schemaName(definition.name(), number),
                apps.applicationId("projection-" + definition.name() + "-g" + number),
                now, state == State.SERVING ? now : null, null, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lifecycle

    @Override
    public synchronized void start() {
        offsets = new KafkaOffsets(Admin.create(kafkaAdmin.getConfigurationProperties()));
        for (String application : abandonedApplications) {
            try {
                offsets.deleteApplication(application);
            } catch (RuntimeException e) {
                log.warn("Could not delete the Kafka state of abandoned generation {}: {}", application, e.getMessage());
            }
        }
        abandonedApplications.clear();
        for (Projection projection : projections.values()) {
            registerMeters(projection);
            Generation serving = projection.servingRecord;
            if (serving.version() == projection.definition.version()) {
                projection.serving = launch(projection.definition, serving, true);
            } else {
                // Built by other code: keep serving what it holds (consistent, if not fresh) while its replacement builds.
                projection.serving = new RunningGeneration(serving,
                        new GenerationDataSource(schemas.dataSource(serving.schema(), poolName(serving), true)), true);
                log.info("Projection {}: serving generation {} was built by version {}, the code is version {}; rebuilding",
                        serving.projection(), serving.number(), serving.version(), projection.definition.version());
                replay(projection.definition.name());
            }
        }
        monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.progressInterval().toMillis();
        monitor.scheduleWithFixedDelay(this::monitor, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (monitor != null) {
            monitor.shutdownNow();
        }
        for (Projection projection : projections.values()) {
            synchronized (projection) {
                if (projection.rebuilding != null) {
                    RunningGeneration interrupted = projection.rebuilding;
                    projection.rebuilding = null;
                    store.end(interrupted.record.projection(), interrupted.record.number(), State.CANCELLED,
                            "interrupted: Contrail stopped during the rebuild");
                    discard(interrupted);
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

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // With the other Kafka Streams applications (StreamsBuilderFactoryBean's phase): after the topics exist.
        return Integer.MAX_VALUE - 1000;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operations

    /** Starts rebuilding a projection into a new generation; the serving one keeps serving until it takes over. */
    public Generation replay(String name) {
        Projection projection = projection(name);
        synchronized (projection) {
            if (!running && projection.serving == null) {
                throw new IllegalStateException("Contrail is not running its projections yet");
            }
            if (projection.rebuilding != null) {
                throw new ReplayConflictException("Projection " + name + " is already rebuilding generation "
                        + projection.rebuilding.record.number() + "; cancel it first or wait for it to take over");
            }
            ProjectionDefinition definition = projection.definition;
            Generation record = newGeneration(definition, State.REBUILDING);
            store.insert(record);
            try {
                schemas.create(definition, record.schema());
                List<TopicPartition> inputs = partitions(definition);
                Map<TopicPartition, Long> earliest = offsets.earliest(inputs);
                Map<TopicPartition, Long> targets = offsets.latest(inputs);
                RunningGeneration generation = launch(definition, record, false);
                generation.rebuildFrom(earliest, targets);
                projection.rebuilding = generation;
                ReplayProgress started = new ReplayProgress(name, record.number(), State.REBUILDING, 0, generation.total, 0, null,
                        generation.total, null);
                publish(projection, started);
                log.info("Projection {}: rebuilding generation {} into {} from {} records of {}", name, record.number(),
                        record.schema(), generation.total, definition.inputTopics());
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
        Projection projection = projection(name);
        synchronized (projection) {
            RunningGeneration rebuilding = projection.rebuilding;
            if (rebuilding == null) {
                throw new ReplayConflictException("Projection " + name + " is not rebuilding");
            }
            projection.rebuilding = null;
            store.end(name, rebuilding.record.number(), State.CANCELLED, "cancelled by an operator");
            discard(rebuilding);
            publish(projection, rebuilding.progress(State.CANCELLED, "cancelled by an operator"));
            counter(name, "cancelled").increment();
            log.info("Projection {}: rebuild of generation {} cancelled", name, rebuilding.record.number());
            return store.history(name).stream().filter(g -> g.number() == rebuilding.record.number()).findFirst().orElseThrow();
        }
    }

    /** Progress of a projection's rebuild: the latest report, then each new one, until it takes over, fails or is cancelled. */
    public Flux<ReplayProgress> progress(String name) {
        Projection projection = projection(name);
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
        return projections.values().stream().map(this::status).toList();
    }

    public ProjectionStatus status(String name) {
        return status(projection(name));
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
        for (Projection projection : projections.values()) {
            for (RunningGeneration generation : projection.generations()) {
                if (generation.streams != null) {
                    states.put(generation.record.applicationId(), generation.streams.state());
                }
            }
        }
        return states;
    }

    /** Whether every serving generation runs (a failed rebuild does not make Contrail unhealthy: the serving one serves). */
    public boolean servingHealthy() {
        return projections.values().stream().allMatch(projection -> projection.serving == null
                || projection.serving.streams == null
                || (projection.serving.failure == null && (projection.serving.streams.state().isRunningOrRebalancing()
                        || projection.serving.streams.state() == KafkaStreams.State.CREATED)));
    }

    public Set<String> names() {
        return projections.keySet();
    }

    private Projection projection(String name) {
        Projection projection = projections.get(name);
        if (projection == null) {
            throw new NoSuchElementException("No projection is named '" + name + "'; known: " + String.join(", ", projections.keySet()));
        }
        return projection;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monitor: progress, lag, switch-over, failures

    private void monitor() {
        try {
            Set<String> groups = new HashSet<>();
            Set<TopicPartition> inputs = new HashSet<>();
            for (Projection projection : projections.values()) {
                for (RunningGeneration generation : projection.generations()) {
                    groups.add(generation.record.applicationId());
                }
                inputs.addAll(partitions(projection.definition));
            }
            Map<String, Map<TopicPartition, Long>> committed = offsets.committed(groups);
            Map<TopicPartition, Long> ends = offsets.latest(inputs);
            Map<TopicPartition, Long> starts = offsets.earliest(inputs);
            long now = System.nanoTime();
            for (Projection projection : projections.values()) {
                synchronized (projection) {
                    List<TopicPartition> mine = partitions(projection.definition);
                    for (RunningGeneration generation : projection.generations()) {
                        generation.measure(mine, committed.getOrDefault(generation.record.applicationId(), Map.of()), ends, starts, now);
                    }
                    RunningGeneration rebuilding = projection.rebuilding;
                    if (rebuilding == null) {
                        continue;
                    }
                    String failure = rebuilding.failureOrStopped();
                    if (failure != null) {
                        fail(projection, rebuilding, failure);
                    } else if (rebuilding.caughtUp(properties.switchOverMaxLag())) {
                        // From now on the generation writes in small batches, as a serving one does; what its rebuild
                        // staged is written before it takes over.
                        rebuilding.writeThrough = true;
                        rebuilding.flushStaged();
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

    private void switchOver(Projection projection, RunningGeneration next) {
        ProjectionDefinition definition = projection.definition;
        RunningGeneration old = projection.serving;
        schemas.transaction().executeWithoutResult(status -> {
            store.end(definition.name(), old.record.number(), State.RETIRED, null);
            store.serve(definition.name(), next.record.number());
            schemas.pointViewsAt(definition, next.record.schema());
        });
        old.serving.set(false);
        next.pool.useDurable(schemas.dataSource(next.record.schema(), poolName(next.record), true));
        next.servingSince = Instant.now();
        next.serving.set(true);
        projection.serving = next;
        projection.rebuilding = null;
        publish(projection, next.progress(State.SERVING, null));
        counter(definition.name(), "switched").increment();
        log.info("Projection {}: generation {} took over from generation {} ({} records in {} s)", definition.name(),
                next.record.number(), old.record.number(), next.total,
                Duration.between(next.record.startedAt(), Instant.now()).toSeconds());
        discard(old);
    }

    private void fail(Projection projection, RunningGeneration rebuilding, String reason) {
        projection.rebuilding = null;
        store.end(projection.definition.name(), rebuilding.record.number(), State.FAILED, reason);
        discard(rebuilding);
        publish(projection, rebuilding.progress(State.FAILED, reason));
        counter(projection.definition.name(), "failed").increment();
        log.error("Projection {}: rebuild of generation {} failed: {}; generation {} keeps serving", projection.definition.name(),
                rebuilding.record.number(), reason, projection.serving.record.number());
    }

    /** Removes a generation that no longer serves: its Kafka Streams application and state, its pool, its schema. */
    private void discard(RunningGeneration generation) {
        generation.close(true);
        try {
            offsets.deleteApplication(generation.record.applicationId());
        } catch (RuntimeException e) {
            log.warn("Could not delete the Kafka state of {}: {}", generation.record.applicationId(), e.getMessage());
        }
        schemas.drop(generation.record.schema());
    }

    private void publish(Projection projection, ReplayProgress report) {
        projection.lastProgress = report;
        synchronized (progress) {
            progress.tryEmitNext(report);
        }
    }

    private List<TopicPartition> partitions(ProjectionDefinition definition) {
        synchronized (partitions) {
            return partitions.computeIfAbsent(definition.name(), name -> offsets.partitions(definition.inputTopics()));
        }
    }

    private RunningGeneration launch(ProjectionDefinition definition, Generation record, boolean serving) {
        // A rebuilding generation writes without waiting for the disk until it takes over (GenerationSchemas#dataSource).
        var pool = new GenerationDataSource(schemas.dataSource(record.schema(), poolName(record), serving));
        RunningGeneration generation = new RunningGeneration(record, pool, serving);
        KafkaStreams streams = apps.streams(record.applicationId(), generation.beforeCommit, builder -> definition.topology().addTo(builder, generation));
        streams.setUncaughtExceptionHandler(exception -> {
            if (TransientFailures.isTransient(exception)) {
                // The database away: a new thread goes on from the last committed offsets once it is back (ADR 0025).
                log.warn("Projection {} generation {}: a stream thread failed transiently; replacing it: {}", record.projection(),
                        record.number(), exception.getMessage());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            generation.failure = exception.getClass().getSimpleName() + ": " + exception.getMessage();
            log.error("Projection {} generation {} stopped on an error", record.projection(), record.number(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        generation.streams = streams;
        generation.metrics = new KafkaStreamsMetrics(streams, Tags.of("projection", record.projection(), "generation",
                String.valueOf(record.number())));
        generation.metrics.bindTo(meters);
        streams.start();
        return generation;
    }

    private static String poolName(Generation record) {
        return record.projection() + "-g" + record.number();
    }

    private ProjectionStatus status(Projection projection) {
        synchronized (projection) {
            RunningGeneration serving = projection.serving;
            String state;
            String reason = null;
            if (serving != null && serving.failure != null) {
                state = "FAILED";
                reason = serving.failure;
            } else if (serving != null && serving.record.version() != projection.definition.version()) {
                state = "STALE";
            } else if (projection.rebuilding != null) {
                state = "REBUILDING";
            } else {
                state = "RUNNING";
            }
            return new ProjectionStatus(projection.definition.name(), projection.definition.version(), state, reason,
                    serving == null ? null : serving.status(), projection.rebuilding == null ? null : projection.rebuilding.status(),
                    projection.lastProgress);
        }
    }

    private void registerMeters(Projection projection) {
        String name = projection.definition.name();
        Gauge.builder("contrail.projection.lag", projection, p -> p.serving == null ? Double.NaN : p.serving.lag)
                .description("Records of a projection's input topics its serving generation has not processed yet")
                .tags("projection", name, "generation", "serving").baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.lag", projection, p -> p.rebuilding == null ? Double.NaN : p.rebuilding.lag)
                .description("Records of a projection's input topics its rebuilding generation has not processed yet")
                .tags("projection", name, "generation", "rebuilding").baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.rebuild.events.done", projection, p -> p.rebuilding == null ? Double.NaN : p.rebuilding.done)
                .description("Records a rebuild has processed of those its input topics held when it started")
                .tag("projection", name).baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.rebuild.events.total", projection, p -> p.rebuilding == null ? Double.NaN : p.rebuilding.total)
                .description("Records a projection's input topics held when its rebuild started")
                .tag("projection", name).baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.rebuild.rate", projection, p -> p.rebuilding == null ? Double.NaN : p.rebuilding.rate)
                .description("Records per second a projection's rebuild processes")
                .tag("projection", name).baseUnit("records/s").register(meters);
    }

    private Counter counter(String projection, String outcome) {
        return Counter.builder("contrail.projection.rebuilds").description("Projection rebuilds that ended, by outcome")
                .tags("projection", projection, "outcome", outcome).register(meters);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A projection's generations now. Guarded by its own monitor. */
    private static final class Projection {
        final ProjectionDefinition definition;
        // The serving generation found when preparing storage, until start() runs it.
        Generation servingRecord;
        volatile RunningGeneration serving;
        volatile RunningGeneration rebuilding;
        volatile ReplayProgress lastProgress;

        Projection(ProjectionDefinition definition) {
            this.definition = definition;
        }

        Collection<RunningGeneration> generations() {
            List<RunningGeneration> generations = new ArrayList<>(2);
            if (serving != null) {
                generations.add(serving);
            }
            if (rebuilding != null) {
                generations.add(rebuilding);
            }
            return generations;
        }
    }

    /** One running generation: its pool, its Kafka Streams application, and what the monitor last measured of it. */
    private static final class RunningGeneration implements ProjectionGeneration {
        final Generation record;
        final GenerationDataSource pool;
        final NamedParameterJdbcTemplate jdbc;
        final AtomicBoolean serving;
        volatile KafkaStreams streams;
        volatile KafkaStreamsMetrics metrics;
        volatile String failure;
        volatile Instant servingSince;
        // Writers that stage (ADR 0020), flushed before the generation's consumer commits offsets once it serves or is
        // about to, and by the registry before a rebuilt generation takes over; whether it has left bulk mode.
        final FlushBeforeCommit beforeCommit = new FlushBeforeCommit();
        volatile boolean writeThrough;
        // Measured by the monitor.
        volatile long lag;
        volatile long processed;
        volatile List<PartitionLag> partitionLags = List.of();
        // Rebuild only: where the topics began and ended when it started.
        Map<TopicPartition, Long> earliest = Map.of();
        Map<TopicPartition, Long> targets = Map.of();
        volatile long total;
        volatile long done;
        volatile boolean reachedTargets;
        volatile double rate;
        private long lastProcessed = -1;
        private long lastNanos;

        RunningGeneration(Generation record, GenerationDataSource pool, boolean serving) {
            this.record = record;
            this.pool = pool;
            this.jdbc = new NamedParameterJdbcTemplate(pool);
            this.serving = new AtomicBoolean(serving);
            this.servingSince = record.servingSince();
            this.writeThrough = serving;
        }

        @Override
        public BooleanSupplier batching(StagedWrites writer) {
            // While rebuilding, commits need not wait for the batches: a rebuild that stops before it takes over is
            // discarded (ADR 0010), and before it takes over everything staged is written (flushStaged).
            beforeCommit.register(() -> {
                if (writeThrough) {
                    writer.flush();
                }
            });
            return () -> !writeThrough;
        }

        /** Writes what every writer staged; called once {@code writeThrough} is set, so no registered flush skips. */
        void flushStaged() {
            beforeCommit.flushAll();
        }

        @Override
        public int number() {
            return record.number();
        }

        @Override
        public NamedParameterJdbcTemplate jdbc() {
            return jdbc;
        }

        @Override
        public boolean serving() {
            return serving.get();
        }

        void rebuildFrom(Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> targets) {
            this.earliest = Map.copyOf(earliest);
            this.targets = Map.copyOf(targets);
            this.total = OffsetsSnapshot.total(earliest, targets);
        }

        void measure(List<TopicPartition> partitions, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
                     Map<TopicPartition, Long> starts, long nanos) {
            OffsetsSnapshot offsets = OffsetsSnapshot.of(partitions, committed, ends, starts, earliest, targets);
            lag = offsets.lag();
            processed = offsets.processed();
            partitionLags = offsets.partitions();
            done = offsets.done();
            reachedTargets = offsets.reachedTargets();
            if (lastProcessed >= 0 && nanos > lastNanos) {
                double instant = (offsets.processed() - lastProcessed) * 1e9 / (nanos - lastNanos);
                rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant;
            }
            lastProcessed = offsets.processed();
            lastNanos = nanos;
        }

        boolean caughtUp(long maxLag) {
            return reachedTargets && lag <= maxLag && streams.state() == KafkaStreams.State.RUNNING;
        }

        String failureOrStopped() {
            if (failure != null) {
                return failure;
            }
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                return "its Kafka Streams application stopped (" + state + ")";
            }
            return null;
        }

        ReplayProgress progress(State state, String reason) {
            Double eta = rate > 0 ? Math.max(0, total - done) / rate : null;
            return new ReplayProgress(record.projection(), record.number(), state, state == State.SERVING ? total : done, total,
                    rate, state == State.REBUILDING ? eta : Double.valueOf(0), lag, reason);
        }

        GenerationStatus status() {
            return new GenerationStatus(record.number(), record.version(), serving() ? State.SERVING : State.REBUILDING,
                    record.schema(), record.applicationId(), record.startedAt(), servingSince,
                    streams == null ? "NOT_RUNNING" : streams.state().name(), processed, lag, partitionLags);
        }

        void close(boolean cleanUp) {
            KafkaStreams current = streams;
            if (current != null) {
                current.close(new KafkaStreams.CloseOptions().leaveGroup(cleanUp).timeout(CLOSE_TIMEOUT));
                if (cleanUp) {
                    current.cleanUp();
                }
            }
            if (metrics != null) {
                metrics.close();
            }
            pool.close();
        }
    }
}
