package dev.contrail.api.airspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.infrastructure.airspace.definitions.AirspaceImport;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two airspace sources that use one id (ADR 0021), as an approach-control file beside the FIRs does: firs.geojson
 * defines SRC-EIDW as a FIR, approaches.geojson as an approach sector inside it. Both are volumes, located and served;
 * importing both files again (what a restart does) records nothing, so neither replaces the other. Within one source,
 * two features with one id (SRC-TWO) are one volume of two polygons.
 */
@TestPropertySource(properties = {
    "contrail.airspace.definitions.enabled=true",
    "contrail.airspace.definitions.locations=classpath:airspace-test/sources/*.geojson"})
class AirspaceSourcesIT extends ContrailIntegrationTest {

    /** Inside the approach sector, and so inside the FIR too. */
    private static final double DUBLIN_LATITUDE = 53.4;
    private static final double DUBLIN_LONGITUDE = -6.2;

    @Autowired
    private AirspaceImport airspaceImport;
    @Autowired
    private AirspaceLocator locator;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void twoSourcesWithOneIdKeepTwoVolumesAndImportingThemAgainRecordsNothing() throws Exception {
        assertThat(airspaceImport.awaitFirstImport(Duration.ofMinutes(3))).isTrue();
        assertThat(airspaceImport.reports()).extracting(report -> report.source() + " " + report.features() + " features, "
                        + report.volumes() + " volumes, " + report.rejections().size() + " rejected")
                .containsExactly("approaches.geojson 3 features, 2 volumes, 0 rejected", "firs.geojson 2 features, 2 volumes, 0 rejected");

        // Four volumes, each defined once: the FIR SRC-EIDW was not made the approach sector, nor the other way round.
        assertThat(volumeStreams()).isEqualTo(4);
        assertThat(payloadTypes()).containsExactly("AirspaceDefined", "AirspaceDefined", "AirspaceDefined", "AirspaceDefined");
        assertThat(locator.containing(DUBLIN_LATITUDE, DUBLIN_LONGITUDE)).filteredOn(id -> id.endsWith("SRC-EIDW")).hasSize(2);
        long events = airspaceEvents();

        airspaceImport.importAll();

        assertThat(airspaceEvents()).as("events after importing both files again").isEqualTo(events);
        assertThat(locator.containing(DUBLIN_LATITUDE, DUBLIN_LONGITUDE)).filteredOn(id -> id.endsWith("SRC-EIDW")).hasSize(2);

        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(60)).build());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var here = graphQl.document("{ airspaces(containing: {latitude: %s, longitude: %s}) { id source } }"
                    .formatted(DUBLIN_LATITUDE, DUBLIN_LONGITUDE)).execute();
            here.path("airspaces[*].id").entityList(String.class).containsExactly("SRC-EIDW", "SRC-EIDW");
            here.path("airspaces[*].source").entityList(String.class).containsExactly("approaches.geojson", "firs.geojson");
        });
        graphQl.document("{ airspace(id: \"SRC-EIDW\", source: \"approaches.geojson\") { name ceilingM } }").execute()
                .path("airspace.name").entity(String.class).isEqualTo("Dublin-like approach")
                .path("airspace.ceilingM").entity(Double.class).isEqualTo(7500.0);
        graphQl.document("{ airspace(id: \"SRC-EIDW\", source: \"firs.geojson\") { name ceilingM } }").execute()
                .path("airspace.name").entity(String.class).isEqualTo("Shannon-like FIR")
                .path("airspace.ceilingM").valueIsNull();
        graphQl.document("{ airspace(id: \"SRC-EIDW\") { name } }").execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage())
                        .contains("2 sources (approaches.geojson, firs.geojson)")));
        // One id in one source is one volume: both features' polygons.
        graphQl.document("{ airspace(id: \"SRC-TWO\") { source pointCount } }").execute()
                .path("airspace.source").entity(String.class).isEqualTo("approaches.geojson")
                .path("airspace.pointCount").entity(Integer.class).isEqualTo(10);
    }

    private long volumeStreams() {
        return jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry WHERE type = 'AirspaceVolume'",
                Long.class);
    }

    private List<String> payloadTypes() {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE type = 'AirspaceVolume' ORDER BY global_index", String.class)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private long airspaceEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'AirspaceVolume'", Long.class);
    }
}
