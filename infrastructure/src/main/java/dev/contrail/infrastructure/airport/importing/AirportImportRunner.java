package dev.contrail.infrastructure.airport.importing;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
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

    public AirportImportRunner(AirportImporter importer, AirportImportProperties properties, ApplicationEventPublisher events) {
        this.importer = importer;
        this.properties = properties;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        Thread thread = new Thread(this::run, "airport-import-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        AirportImporter.Report report = null;
        try {
            report = importer.importFiles(properties.airportsLocation(), properties.runwaysLocation(), properties.threads());
        } catch (RuntimeException e) {
            log.error("Airport import failed: {}", e.getMessage(), e);
        } finally {
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
