package dev.contrail.domain.airport;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirportTest {

    private AggregateTestFixture<Airport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Airport.class);
    }

    @Test
    void theFirstImportRegistersTheAirport() {
        fixture.givenNoPriorActivity()
                .when(new ImportAirport(Airports.KIAD))
                .expectEvents(new AirportRegistered("KIAD", Airports.KIAD))
                .expectResultMessagePayload(ImportOutcome.REGISTERED);
    }

    @Test
    void importingTheSameDataAgainRecordsNothing() {
        fixture.given(new AirportRegistered("KIAD", Airports.KIAD))
                .when(new ImportAirport(Airports.KIAD))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.UNCHANGED);
    }

    @Test
    void aChangedRowRecordsWhatChanged() {
        AirportDetails renamed = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Dulles", 38.9445, -77.455803, 95.1, "US", "US-VA",
                "Dulles", true, "KIAD", "IAD", Airports.KIAD.runways().subList(0, 3));
        fixture.given(new AirportRegistered("KIAD", Airports.KIAD))
                .when(new ImportAirport(renamed))
                .expectEvents(new AirportChanged("KIAD", renamed, List.of("name", "runways")))
                .expectResultMessagePayload(ImportOutcome.CHANGED);
    }

    @Test
    void aChangeIsComparedWithTheLatestData() {
        AirportDetails renamed = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Dulles", 38.9445, -77.455803, 95.1, "US", "US-VA",
                "Dulles", true, "KIAD", "IAD", Airports.KIAD.runways());
        fixture.given(new AirportRegistered("KIAD", Airports.KIAD), new AirportChanged("KIAD", renamed, List.of("name")))
                .when(new ImportAirport(renamed))
                .expectNoEvents();
    }
}
