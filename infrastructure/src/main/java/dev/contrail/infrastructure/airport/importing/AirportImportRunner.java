package dev.contrail.infrastructure.airport.importing;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Runs the configured import in the background once the application is ready, so that live flights show at once,
 * and announces its end ({@link AirportImportFinished}). {@link #finished()} completes with the report.
 */
public class AirportImportRunner {

    private static final Logger log = LoggerFactory.getLogger(AirportImportRunner.class);

    private final AirportImporter importer;
    private final AirportImportProperties properties;
    private final ApplicationEventPublisher events;
    private final CompletableFuture<AirportImporter.Report> finished = new CompletableFuture<>();
    private volatile Thread reader;

    public AirportImportRunner(AirportImporter importer, AirportImportProperties properties, ApplicationEventPublisher events) {
        this.importer = importer;
        this.properties = properties;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        Thread thread = new Thread(this::run, "airport-import-reader");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    /** Contrail is stopping: the import stops first, before the topologies and Axon it sends commands through. */
    @EventListener(ContextClosedEvent.class)
    public void stop() {
        importer.cancel();
        Thread thread = reader;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        AirportImporter.Report report = null;
        try {
            report = importer.importFiles(properties.airportsLocation(), properties.runwaysLocation(), properties.threads(),
                    properties.batchSize());
        } catch (CancellationException e) {
            log.info("{}", e.getMessage());
            finished.completeExceptionally(e);
            return; // Contrail is stopping: nothing is to start after the import
        } catch (RuntimeException e) {
            log.error("Airport import failed: {}", e.getMessage(), e);
        } finally {
            if (finished.isDone()) {
                return;
            }
            events.publishEvent(new AirportImportFinished(report));
            if (report == null) {
                finished.completeExceptionally(new IllegalStateException("the airport import failed"));
            } else {
                finished.complete(report);
            }
        }
    }

    public CompletableFuture<AirportImporter.Report> finished() {
        return finished;
    }
}
