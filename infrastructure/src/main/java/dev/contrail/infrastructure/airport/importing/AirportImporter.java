package dev.contrail.infrastructure.airport.importing;

import dev.contrail.application.airport.AirportReferenceData;
import dev.contrail.application.airport.AirportReferenceData.Imported;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.ImportOutcome;
import dev.contrail.infrastructure.airport.importing.OurAirportsCsv.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Imports OurAirports files through the Airport context's commands, one {@code ImportAirport} per row, in batches of
 * rows that are each one unit of work and transaction, several batches at once (ADR 0011, ADR 0034). Each airport keeps
 * its own outcome. Shows progress in the log every {@link #PROGRESS_EVERY} and in the metrics
 * {@code contrail.airports.import.rows} (tag {@code outcome}: registered, changed, unchanged, rejected, failed) and
 * {@code contrail.airports.import.duration}. A rejected or failed row is reported with its reason; the import goes on.
 */
public class AirportImporter {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int REJECTIONS_LOGGED = 20;
    private static final int REJECTIONS_KEPT = 1_000;
    private static final Logger log = LoggerFactory.getLogger(AirportImporter.class);

    private final AirportReferenceData referenceData;
    private final ResourceLoader resources;
    private final MeterRegistry meters;

    public AirportImporter(AirportReferenceData referenceData, ResourceLoader resources, MeterRegistry meters) {
        this.referenceData = referenceData;
        this.resources = resources;
        this.meters = meters;
    }

    /**
     * What one import did. {@code rows} counts the airport rows handled and the rejected rows of either file (a runway
     * that is read is part of its airport); {@code rejections} holds the first {@value #REJECTIONS_KEPT} rejected or failed.
     */
    public record Report(long rows, Map<ImportOutcome, Long> outcomes, long rejected, long failed, List<Rejection> rejections,
                         Duration duration) {

        public long count(ImportOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        public double rowsPerSecond() {
            return duration.isZero() ? rows : rows * 1000.0 / duration.toMillis();
        }

        @Override
        public String toString() {
            return "%,d rows in %.1f s (%,.0f rows/s): %,d registered, %,d changed, %,d unchanged, %,d rejected, %,d failed".formatted(
                    rows, duration.toMillis() / 1000.0, rowsPerSecond(), count(ImportOutcome.REGISTERED), count(ImportOutcome.CHANGED),
                    count(ImportOutcome.UNCHANGED), rejected, failed);
        }
    }

    private volatile boolean cancelled;

    /**
     * Stops a running import after the batches in flight (ADR 0026: ingestion stops first when Contrail stops); its
     * {@link #importFiles} throws a {@link CancellationException}. Importing again later imports what is missing.
     */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Imports the two files at these Spring resource locations, {@code batchSize} airports per unit of work and
     * transaction ({@link AirportReferenceData#importAirports}, ADR 0034; 1 = one per airport), {@code threads}
     * batches in flight at once.
     */
    public Report importFiles(String airportsLocation, String runwaysLocation, int threads, int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batch size must be at least 1, were " + threads + " and " + batchSize);
        }
        long started = System.nanoTime();
        var progress = new Progress(meters);
        var runways = read(runwaysLocation, in -> OurAirportsCsv.runways(in, progress::reject));
        log.info("Airport import: {} airports' runways read from {}; importing {} with {} threads, {} airports per transaction",
                runways.size(), runwaysLocation, airportsLocation, threads, batchSize);
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "airport-import");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        List<AirportDetails> next = new ArrayList<>(batchSize);
        Consumer<List<AirportDetails>> send = batch -> {
            inFlight.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    referenceData.importAirports(batch).forEach(progress::imported);
                } catch (RuntimeException e) {
                    batch.forEach(airport -> progress.imported(new Imported(airport, null, e)));
                } finally {
                    inFlight.release();
                }
            });
        };
        try {
            read(airportsLocation, in -> {
                OurAirportsCsv.airports(in, runways, airport -> {
                    if (cancelled) {
                        throw new CancellationException("Airport import stopped: Contrail is stopping");
                    }
                    next.add(airport);
                    if (next.size() == batchSize) {
                        send.accept(List.copyOf(next));
                        next.clear();
                    }
                    progress.logIfDue(started);
                }, progress::reject);
                return null;
            });
            if (!next.isEmpty()) {
                send.accept(List.copyOf(next));
            }
        } finally {
            pool.shutdown();
            awaitTermination(pool);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        Timer.builder("contrail.airports.import.duration").description("Duration of complete airport imports").register(meters)
                .record(duration);
        Report report = progress.report(duration);
        log.info("Airport import done: {}", report);
        return report;
    }

    private <T> T read(String location, java.util.function.Function<InputStream, T> reader) {
        Resource resource = resources.getResource(location);
        try (InputStream raw = resource.getInputStream();
             InputStream in = location.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return reader.apply(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                log.info("Airport import: waiting for the last commands");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Counts, metrics and rejections of one import, updated from the import threads. */
    private static final class Progress {
        private final Map<ImportOutcome, AtomicLong> outcomes = new EnumMap<>(ImportOutcome.class);
        private final Map<ImportOutcome, Counter> counters = new EnumMap<>(ImportOutcome.class);
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
        private final Counter rejectedCounter;
        private final Counter failedCounter;
        private long lastLog = System.nanoTime();
        private long rowsAtLastLog;

        Progress(MeterRegistry meters) {
            for (ImportOutcome outcome : ImportOutcome.values()) {
                outcomes.put(outcome, new AtomicLong());
                counters.put(outcome, rowsCounter(meters, outcome.name().toLowerCase(java.util.Locale.ROOT)));
            }
            rejectedCounter = rowsCounter(meters, "rejected");
            failedCounter = rowsCounter(meters, "failed");
        }

        private static Counter rowsCounter(MeterRegistry meters, String outcome) {
            return Counter.builder("contrail.airports.import.rows").description("Rows of OurAirports files imported, by outcome")
                    .tag("outcome", outcome).register(meters);
        }

        void imported(Imported imported) {
            if (imported.failed()) {
                failed(imported.airport(), imported.failure());
                return;
            }
            rows.incrementAndGet();
            outcomes.get(imported.outcome()).incrementAndGet();
            counters.get(imported.outcome()).increment();
        }

        void reject(Rejection rejection) {
            rows.incrementAndGet();
            rejectedCounter.increment();
            keep(rejection, rejected.incrementAndGet());
        }

        private void failed(AirportDetails airport, RuntimeException failure) {
            rows.incrementAndGet();
            failedCounter.increment();
            keep(new Rejection("airports.csv", -1, airport.ident() + " failed: " + failure.getMessage()), failed.incrementAndGet());
        }

        private void keep(Rejection rejection, long number) {
            if (number <= REJECTIONS_LOGGED) {
                log.warn("Airport import: rejected {}", rejection);
            } else if (number == REJECTIONS_LOGGED + 1) {
                log.warn("Airport import: more rejections, counted in contrail.airports.import.rows{outcome=rejected|failed}");
            }
            if (rejections.size() < REJECTIONS_KEPT) {
                rejections.add(rejection);
            }
        }

        /** Called from the reading thread only. */
        void logIfDue(long started) {
            long now = System.nanoTime();
            if (now - lastLog < PROGRESS_EVERY.toNanos()) {
                return;
            }
            long done = rows.get();
            double rate = (done - rowsAtLastLog) * 1e9 / (now - lastLog);
            log.info("Airport import: {} rows after {} s ({} registered, {} changed, {} unchanged, {} rejected, {} failed), {} rows/s",
                    String.format("%,d", done), (now - started) / 1_000_000_000L, outcomes.get(ImportOutcome.REGISTERED),
                    outcomes.get(ImportOutcome.CHANGED), outcomes.get(ImportOutcome.UNCHANGED), rejected, failed,
                    String.format("%,.0f", rate));
            lastLog = now;
            rowsAtLastLog = done;
        }

        Report report(Duration duration) {
            Map<ImportOutcome, Long> counts = new EnumMap<>(ImportOutcome.class);
            outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
            return new Report(rows.get(), counts, rejected.get(), failed.get(), List.copyOf(rejections), duration);
        }
    }
}
