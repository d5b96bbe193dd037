package dev.contrail.api.airport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.domain.airport.ImportOutcome;
import dev.contrail.infrastructure.airport.importing.AirportImportRunner;
import dev.contrail.infrastructure.airport.importing.AirportImporter;
import dev.contrail.infrastructure.airport.importing.OurAirportsCsv.Rejection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OurAirports import in the running application, on real PostgreSQL and Kafka: the sample around Dulles (with
 * three malformed rows) is imported at start-up in the background, the malformed rows are reported and the rest is
 * served by GraphQL; importing the same files again records nothing and leaves the read model as it was.
 */
@TestPropertySource(properties = {
    "contrail.airports.import.enabled=true",
    "contrail.airports.import.airports-location=classpath:ourairports-sample/airports.csv",
    "contrail.airports.import.runways-location=classpath:ourairports-sample/runways.csv"})
class AirportImportIT extends ContrailIntegrationTest {

    private static final String AIRPORTS = "classpath:ourairports-sample/airports.csv";
    private static final String RUNWAYS = "classpath:ourairports-sample/runways.csv";
    private static final String KIAD = """
            { airport(icao: "KIAD") { ident type name elevationM iataCode scheduledService
                runways { name lengthM lowEnd { designator latitude longitude headingDeg } highEnd { designator headingDeg } } } }""";

    @Autowired
    private AirportImportRunner startUpImport;
    @Autowired
    private AirportImporter importer;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;

    private HttpGraphQlTester graphQl;
    private AirportImporter.Report startUp;

    @BeforeEach
    void waitForTheStartUpImport() throws Exception {
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).build());
        startUp = startUpImport.finished().get(60, TimeUnit.SECONDS);
    }

    @Test
    void theStartUpImportRegistersEveryReadableRowAndReportsTheMalformedOnesWithoutStopping() {
        assertThat(startUp.count(ImportOutcome.REGISTERED)).isEqualTo(14);
        assertThat(startUp.rejected()).isEqualTo(3);
        assertThat(startUp.rejections()).extracting(Rejection::toString).containsExactlyInAnyOrder(
                "runways.csv line 24: le_heading_degT is not a number: 'east'",
                "airports.csv line 6: expected 19 columns, found 5",
                "airports.csv line 10: latitude_deg is not a number: 'north'");
        assertThat(meters.get("contrail.airports.import.rows").tag("outcome", "rejected").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(registrationsInTheEventStore()).isEqualTo(14);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                graphQl.document(KIAD).execute().path("airport.runways[*].name").entityList(String.class)
                        .containsExactly("01C/19C", "01L/19R", "01R/19L", "12/30"));
        var kiad = graphQl.document(KIAD).execute();
        kiad.path("airport.name").entity(String.class).isEqualTo("Washington Dulles International Airport");
        kiad.path("airport.type").entity(String.class).isEqualTo("LARGE_AIRPORT");
        kiad.path("airport.iataCode").entity(String.class).isEqualTo("IAD");
        kiad.path("airport.runways[3].highEnd.designator").entity(String.class).isEqualTo("30");
        kiad.path("airport.runways[3].highEnd.headingDeg").entity(Double.class).isEqualTo(290.6);
    }

    @Test
    void reImportingTheSameFilesRecordsNothingAndChangesNoRow() {
        awaitAllAirportsServed();
        long eventsBefore = airportEvents();
        List<Map<String, Object>> rowsBefore = airportRows();

        var again = importer.importFiles(AIRPORTS, RUNWAYS, 2);

        assertThat(again.count(ImportOutcome.UNCHANGED)).isEqualTo(14);
        assertThat(again.count(ImportOutcome.REGISTERED) + again.count(ImportOutcome.CHANGED)).isZero();
        assertThat(again.rejected()).isEqualTo(3);
        assertThat(airportEvents()).isEqualTo(eventsBefore);
        assertThat(airportRows()).isEqualTo(rowsBefore);
    }

    @Test
    void airportsAreServedByAreaTypeAndSearchAPageAtATime() {
        awaitAllAirportsServed();
        String query = """
                query($after: String) { airports(within: {south: 38.8, west: -77.6, north: 39.1, east: -77.3}, first: 3, after: $after) {
                  edges { cursor node { ident } } pageInfo { hasNextPage endCursor } } }""";
        var firstPage = graphQl.document(query).execute();
        firstPage.path("airports.edges[*].node.ident").entityList(String.class).containsExactly("26VA", "34VA", "6VG4");
        String cursor = firstPage.path("airports.pageInfo.endCursor").entity(String.class).get();
        graphQl.document(query).variable("after", cursor).execute()
                .path("airports.edges[*].node.ident").entityList(String.class).containsExactly("74VA", "KIAD", "US-10449");

        graphQl.document("{ airports(type: LARGE_AIRPORT) { edges { node { ident } } } }").execute()
                .path("airports.edges[*].node.ident").entityList(String.class).containsExactly("KBWI", "KDCA", "KIAD");
        graphQl.document("{ airports(search: \"reagan\") { edges { node { ident } } } }").execute()
                .path("airports.edges[*].node.ident").entityList(String.class).containsExactly("KDCA");
        graphQl.document("{ airports(first: 0) { edges { node { ident } } } }").execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage()).contains("'first'")));
    }

    private void awaitAllAirportsServed() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("SELECT count(*) FROM airport", Long.class)).isEqualTo(14));
    }

    private long registrationsInTheEventStore() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Airport' AND payload_type LIKE '%AirportRegistered'",
                Long.class);
    }

    private long airportEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Airport'", Long.class);
    }

    private List<Map<String, Object>> airportRows() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.queryForList("SELECT * FROM airport ORDER BY ident"));
        rows.addAll(jdbc.queryForList("SELECT * FROM airport_runway ORDER BY airport_ident, position"));
        return rows;
    }
}
