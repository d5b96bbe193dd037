package dev.contrail.infrastructure.airspace.definitions;

import dev.contrail.application.airspace.AirspaceDefinitions;
import dev.contrail.application.airspace.AirspaceDefinitions.VolumeDefinition;
import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.infrastructure.airspace.AirspaceProperties;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator.Shape;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports airspace definitions from GeoJSON files (ADR 0017): every volume of a file becomes a {@code DefineAirspace}
 * (the volume records a definition or change only when there is one, so re-loading the same file emits nothing),
 * and every volume the file defined at its previous import but no longer does is retired. Then the locator learns
 * the file's volumes, and lookups may start ({@link #awaitFirstImport}).
 *
 * <p>A volume is its id within its source, the file's name (ADR 0021): another file with the same id defines another
 * volume, and features sharing an id within one file are one volume (their polygons joined, {@link GeoJsonAirspaces}).
 *
 * <p>A malformed feature is rejected with its reason — logged, counted ({@code contrail.airspace.definitions.features}
 * with {@code outcome=rejected}) and kept in the {@link Report} — and the rest of the file loads. A file that is not a
 * FeatureCollection at all loads nothing and retires nothing.
 */
public class AirspaceImport {

    private static final Logger log = LoggerFactory.getLogger(AirspaceImport.class);
    private static final int PROGRESS_EVERY = 200;
    /**
     * Volumes defined per unit of work (ADR 0044): a commit per 50 volumes, and a failed batch, redone volume by volume,
     * stays small (a FIR's boundary is hundreds of points).
     */
    static final int BATCH = 50;

    /** What one file's import did. */
    public record Report(String source, int features, int volumes, List<GeoJsonAirspaces.Rejection> rejections, int retired,
                         Duration took, String failure) {
    }

    private final AirspaceProperties properties;
    private final AirspaceDefinitions definitions;
    private final AirspaceLocator locator;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter loaded;
    private final Counter rejected;
    private final Counter commands;
    private final CountDownLatch firstImport = new CountDownLatch(1);
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    public AirspaceImport(AirspaceProperties properties, AirspaceDefinitions definitions, AirspaceLocator locator, JdbcTemplate jdbc,
                          TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.definitions = definitions;
        this.locator = locator;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.loaded = Counter.builder("contrail.airspace.definitions.features").tag("outcome", "loaded")
                .description("GeoJSON features read into airspace volumes").register(meters);
        this.rejected = Counter.builder("contrail.airspace.definitions.features").tag("outcome", "rejected")
                .description("GeoJSON features rejected as malformed, each with its reason in the log").register(meters);
        this.commands = Counter.builder("contrail.airspace.definitions.commands")
                .description("DefineAirspace and RetireAirspace commands sent by the import").register(meters);
        meters.gauge("contrail.airspace.volumes", locator, AirspaceLocator::size);
        if (!properties.definitions().enabled()) {
            firstImport.countDown();
        }
    }

    private volatile boolean stopping;

    /** Contrail is stopping: the import stops first, before the Axon command bus it uses (ADR 0026). */
    @EventListener(ContextClosedEvent.class)
    public void stop() {
        stopping = true;
    }

    /** Imports every configured location in a background thread; lookups wait for it ({@link #awaitFirstImport}). */
    public void startInBackground() {
        Thread worker = new Thread(() -> {
            try {
                importAll();
            } catch (CancellationException e) {
                log.info("{}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("Airspace import stopped: {}", e.getMessage(), e);
            } finally {
                firstImport.countDown();
            }
        }, "airspace-import");
        worker.setDaemon(true);
        worker.start();
    }

    /** Waits until the start-up import has finished (at once when it is disabled); false on timeout. */
    public boolean awaitFirstImport(Duration timeout) throws InterruptedException {
        return firstImport.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Report> reports() {
        return List.copyOf(reports);
    }

    public void importAll() {
        var resolver = new PathMatchingResourcePatternResolver();
        for (String pattern : properties.definitions().locations().split(",")) {
            if (pattern.isBlank()) {
                continue;
            }
            Resource[] files;
            try {
                files = resolver.getResources(pattern.trim());
            } catch (IOException e) {
                log.error("Airspace definitions: cannot list {}: {}", pattern, e.getMessage());
                continue;
            }
            Arrays.sort(files, (a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
            for (Resource file : files) {
                reports.add(importFile(file));
            }
        }
    }

    private void notDefined(String source, String airspaceId, RuntimeException reason) {
        rejected.increment();
        log.warn("Airspace definitions {}: volume {} not defined: {}", source, airspaceId, reason.getMessage());
    }

    /** Imports one file; never throws for bad content (see the report). */
    public Report importFile(Resource file) {
        String source = file.getFilename();
        long started = System.nanoTime();
        GeoJsonAirspaces.Result result;
        try (InputStream raw = file.getInputStream();
             InputStream in = source != null && source.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            result = GeoJsonAirspaces.read(in);
        } catch (IOException | RuntimeException e) {
            log.error("Airspace definitions {}: not loaded, {}", source, e.getMessage());
            return new Report(source, 0, 0, List.of(), 0, Duration.ofNanos(System.nanoTime() - started), e.getMessage());
        }
        for (GeoJsonAirspaces.Rejection rejection : result.rejections()) {
            rejected.increment();
            log.warn("Airspace definitions {}: feature #{} (id {}) rejected: {}", source, rejection.index(), rejection.id(), rejection.reason());
        }
        for (GeoJsonAirspaces.Repair repair : result.repairs()) {
            log.info("Airspace definitions {}: feature #{} (id {}) repaired: {}", source, repair.index(), repair.id(), repair.note());
        }
        loaded.increment(result.features() - result.rejections().size());
        log.info("Airspace definitions {}: {} features, {} volumes, {} rejected; defining", source, result.features(),
                result.volumes().size(), result.rejections().size());

        Instant now = clock.instant();
        List<Shape> shapes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int done = 0;
        List<GeoJsonAirspaces.Volume> volumes = result.volumes();
        for (int from = 0; from < volumes.size(); from += BATCH) {
            if (stopping) {
                // Before the retirements below: a volume not reached yet must not be taken for one the source dropped.
                throw new CancellationException("Airspace definitions " + source + ": import stopped, Contrail is stopping");
            }
            List<GeoJsonAirspaces.Volume> batch = volumes.subList(from, Math.min(volumes.size(), from + BATCH));
            List<VolumeDefinition> defining = new ArrayList<>(batch.size());
            for (GeoJsonAirspaces.Volume volume : batch) {
                try {
                    defining.add(new VolumeDefinition(volume.id(), new AirspaceDefinition(volume.name(), source, volume.boundary(),
                            volume.verticalLimits(), properties.capacityOf(volume.id(), volume.capacity()))));
                } catch (RuntimeException e) {
                    notDefined(source, volume.id(), e);
                }
            }
            List<RuntimeException> failures = definitions.defineAll(defining, now);
            for (int i = 0; i < defining.size(); i++) {
                VolumeDefinition volume = defining.get(i);
                if (failures.get(i) == null) {
                    commands.increment();
                    shapes.add(new Shape(AirspaceVolume.idOf(source, volume.airspaceId()), volume.definition().boundary(),
                            volume.definition().verticalLimits()));
                    ids.add(volume.airspaceId());
                } else {
                    notDefined(source, volume.airspaceId(), failures.get(i));
                }
            }
            int before = done;
            done += batch.size();
            if (done / PROGRESS_EVERY > before / PROGRESS_EVERY) {
                double seconds = (System.nanoTime() - started) / 1e9;
                log.info("Airspace definitions {}: {}/{} volumes defined ({} per s)", source, done, volumes.size(),
                        Math.round(done / seconds));
            }
        }
        List<String> retired = new ArrayList<>(jdbc.queryForList(
                "SELECT airspace_id FROM airspace_import_source WHERE source = ?", String.class, source));
        retired.removeAll(ids);
        List<String> retiredVolumes = new ArrayList<>();
        for (String airspaceId : retired) {
            definitions.retire(AirspaceVolume.idOf(source, airspaceId), now);
            retiredVolumes.add(AirspaceVolume.idOf(source, airspaceId));
            commands.increment();
        }
        transactions.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM airspace_import_source WHERE source = ?", source);
            jdbc.batchUpdate("INSERT INTO airspace_import_source (source, airspace_id) VALUES (?, ?)",
                    ids.stream().map(id -> new Object[] {source, id}).toList());
        });
        locator.update(shapes, retiredVolumes);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Airspace definitions {}: {} volumes defined, {} retired, {} rejected in {} ms; {} volumes located", source,
                ids.size(), retired.size(), result.rejections().size(), took.toMillis(), locator.size());
        return new Report(source, result.features(), ids.size(), result.rejections(), retired.size(), took, null);
    }
}
