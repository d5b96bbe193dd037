package dev.contrail.infrastructure.airport.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.application.airport.AirportIndex;
import dev.contrail.application.airport.AirportReferenceData;
import dev.contrail.domain.airport.Airport;
import dev.contrail.domain.airport.ImportAirport;
import dev.contrail.domain.airport.ImportOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The importer against a command bus that keeps each airport's latest data the way the {@link Airport} aggregate
 * decides (its rules are tested in the domain): what a first import, a re-import and a changed row do.
 */
class AirportImporterTest {

    private static final String AIRPORTS = "classpath:ourairports-sample/airports.csv";
    private static final String RUNWAYS = "classpath:ourairports-sample/runways.csv";

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final Map<String, dev.contrail.domain.airport.AirportDetails> stored = new ConcurrentHashMap<>();
    private final AirportIndex index = new AirportIndex();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AirportImporter importer = new AirportImporter(
            new AirportReferenceData(DefaultCommandGateway.builder().commandBus(bus).build(), index), new DefaultResourceLoader(), meters);

    @BeforeEach
    void airportsDecideAsTheAggregateDoes() {
        bus.subscribe(ImportAirport.class.getName(), (CommandMessage<?> message) -> {
            ImportAirport command = (ImportAirport) message.getPayload();
            var before = stored.put(command.ident(), command.details());
            return before == null ? ImportOutcome.REGISTERED
                    : before.differencesTo(command.details()).isEmpty() ? ImportOutcome.UNCHANGED : ImportOutcome.CHANGED;
        });
    }

    @Test
    void aFirstImportRegistersEveryReadableRowAndReportsTheOthers() {
        var report = importer.importFiles(AIRPORTS, RUNWAYS, 3, 4);

        assertThat(report.count(ImportOutcome.REGISTERED)).isEqualTo(14);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.failed()).isZero();
        assertThat(report.rows()).isEqualTo(17);
        assertThat(index.size()).isEqualTo(14);
        assertThat(meters.get("contrail.airports.import.rows").tag("outcome", "registered").counter().count()).isEqualTo(14);
        assertThat(meters.get("contrail.airports.import.rows").tag("outcome", "rejected").counter().count()).isEqualTo(3);
    }

    @Test
    void reImportingTheSameFilesChangesNothing() {
        importer.importFiles(AIRPORTS, RUNWAYS, 2, 4);
        var again = importer.importFiles(AIRPORTS, RUNWAYS, 2, 4);

        assertThat(again.count(ImportOutcome.UNCHANGED)).isEqualTo(14);
        assertThat(again.count(ImportOutcome.REGISTERED) + again.count(ImportOutcome.CHANGED)).isZero();
    }

    @Test
    void aChangedRowIsAChange(@TempDir Path dir) throws IOException {
        importer.importFiles(AIRPORTS, RUNWAYS, 2, 4);
        String airports = new String(OurAirportsCsvTest.resource("airports.csv").readAllBytes())
                .replace("Washington Dulles International Airport", "Dulles International");
        Path changed = Files.writeString(dir.resolve("airports.csv"), airports);

        var report = importer.importFiles(changed.toUri().toString(), RUNWAYS, 2, 4);

        assertThat(report.count(ImportOutcome.CHANGED)).isEqualTo(1);
        assertThat(report.count(ImportOutcome.UNCHANGED)).isEqualTo(13);
        assertThat(stored.get("KIAD").name()).isEqualTo("Dulles International");
    }

    /** Batches of 1 (one transaction per airport, as before ADR 0034) and of 4: the failing airport alone is reported. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aFailingCommandIsReportedAndTheImportGoesOn(int batchSize) {
        bus.subscribe(ImportAirport.class.getName(), (CommandMessage<?> message) -> {
            if (((ImportAirport) message.getPayload()).ident().equals("KDCA")) {
                throw new IllegalStateException("event store unavailable");
            }
            return ImportOutcome.REGISTERED;
        });

        var report = importer.importFiles(AIRPORTS, RUNWAYS, 2, batchSize);

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.count(ImportOutcome.REGISTERED)).isEqualTo(13);
        assertThat(report.rows()).isEqualTo(17);
        assertThat(index.size()).isEqualTo(13);
        assertThat(meters.get("contrail.airports.import.rows").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(report.rejections()).anySatisfy(r -> assertThat(r.reason()).contains("KDCA failed: event store unavailable"));
    }
}
