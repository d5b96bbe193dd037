package dev.contrail.api.airspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.infrastructure.airspace.definitions.AirspaceImport;
import dev.contrail.readmodels.airspace.AirspaceProjections;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airspace.AirspaceChanged;
import dev.contrail.schemas.airspace.AirspaceDefined;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.AirspaceRetired;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;

/**
 * A volume's life through imports (ADR 0017) and what the read side makes of it: a file defines volumes; the same
 * file again emits nothing; a changed feature is a change and a feature no longer there is retired. Entries beyond
 * capacity raise an alert that clears when aircraft leave; a subscriber hears each; redelivering every airspace event
 * in order, shuffled and reversed leaves all three projections' tables as they were.
 */
class AirspaceDefinitionsIT extends ContrailIntegrationTest {

    private static final AircraftPosition IN_SECTOR_A = new AircraftPosition(50.5, 10.5, 1000.0);
    /** Sector A of the source definitions.geojson (both versions of the file have that name: they are one source). */
    private static final String DEF_A = AirspaceVolume.idOf("definitions.geojson", "DEF-A");

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private AirspaceImport airspaceImport;

    @Autowired
    private AirspaceTraffic traffic;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ProjectionRegistry registry;

    private final AvroSerde<AirspaceEvent> serde = AvroSerde.of(AirspaceEvent.class);

    @Test
    void aVolumeIsDefinedChangedAndRetiredByImportsAndItsTrafficIsProjectedIdempotently() {
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(60)).build());
        var v1 = new ClassPathResource("airspace-test/v1/definitions.geojson");

        assertThat(airspaceImport.importFile(v1).volumes()).isEqualTo(2);
        assertThat(airspaceImport.importFile(v1).rejections()).isEmpty();
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(definitions())
                .extracting(e -> e.getAirspaceId() + " " + e.getPayload().getClass().getSimpleName())
                .containsExactly("DEF-A AirspaceDefined", "DEF-B AirspaceDefined"));

        // Across the antimeridian, on either side of it.
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            graphQl.document("{ airspaces(containing: {latitude: 0, longitude: -179.5}) { id } }").execute()
                    .path("airspaces[*].id").entityList(String.class).containsExactly("DEF-B");
            graphQl.document("{ airspaces(containing: {latitude: 0, longitude: 179.5}) { id } }").execute()
                    .path("airspaces[*].id").entityList(String.class).containsExactly("DEF-B");
        });

        // A subscriber to sector A hears entries, exits and capacity alerts.
        List<Map<String, Object>> heard = new CopyOnWriteArrayList<>();
        var subscriptions = WebSocketGraphQlClient.builder(graphQlWebSocketUrl(), new StandardWebSocketClient())
                .documentSource(new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")), List.of(".graphql"))).build();
        Disposable subscription = subscriptions.documentName("airspaceEvents").variable("airspace", "DEF-A").executeSubscription()
                .map(response -> response.field("airspaceEvents").<Map<String, Object>>getValue())
                .subscribe(heard::add);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AtomicInteger probe = new AtomicInteger();
        try {
            // The subscription registers asynchronously: enter and leave with probe aircraft until the subscriber hears one.
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String icao24 = String.format("f1%04x", probe.incrementAndGet());
                traffic.entered(DEF_A, icao24, icao24 + "-1", t0.plusSeconds(probe.get()), IN_SECTOR_A);
                traffic.exited(DEF_A, icao24, icao24 + "-1", t0.plusSeconds(probe.get()), IN_SECTOR_A, ExitReason.LEFT);
                return heard.stream().anyMatch(event -> "EXIT".equals(event.get("kind")));
            });
            int before = heard.size();
            for (String icao24 : List.of("f20001", "f20002", "f20003")) {
                traffic.entered(DEF_A, icao24, icao24 + "-1", t0.plusSeconds(100), IN_SECTOR_A);
            }
            traffic.exited(DEF_A, "f20001", "f20001-1", t0.plusSeconds(160), IN_SECTOR_A, ExitReason.LEFT);
            traffic.entered(DEF_A, "f20002", "f20002-1", t0.plusSeconds(170), IN_SECTOR_A); // already inside: nothing

            // Each aircraft's entries and exits come in order (they share its partition), and so do the volume's capacity
            // alerts; different aircraft, and alerts, interleave as their partitions and projections are processed.
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
                List<String> latest = heard.subList(before, heard.size()).stream()
                        .filter(event -> event.get("icao24") == null || String.valueOf(event.get("icao24")).startsWith("f2"))
                        .map(event -> event.get("kind") + " " + event.get("icao24") + " " + event.get("occupants")).toList();
                assertThat(latest).filteredOn(event -> !event.startsWith("CAPACITY"))
                        .containsExactlyInAnyOrder("ENTRY f20001 1", "ENTRY f20002 2", "ENTRY f20003 3", "EXIT f20001 2");
                assertThat(latest).filteredOn(event -> event.contains("f20001")).containsExactly("ENTRY f20001 1", "EXIT f20001 2");
                assertThat(latest).filteredOn(event -> event.startsWith("CAPACITY"))
                        .containsExactly("CAPACITY_EXCEEDED null 3", "CAPACITY_RESTORED null 2");
            });
        } finally {
            subscription.dispose();
            subscriptions.stop().block(Duration.ofSeconds(5));
        }

        var v2 = new ClassPathResource("airspace-test/v2/definitions.geojson");
        var report = airspaceImport.importFile(v2);
        assertThat(report.volumes()).isEqualTo(1);
        assertThat(report.retired()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(definitions())
                .extracting(e -> e.getAirspaceId() + " " + e.getPayload().getClass().getSimpleName())
                .containsExactly("DEF-A AirspaceDefined", "DEF-B AirspaceDefined", "DEF-A AirspaceChanged", "DEF-B AirspaceRetired"));

        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            var response = graphQl.document("""
                    { a: airspace(id: "DEF-A") { ceilingM retired occupancy { count capacity overCapacity occupants { icao24 } } }
                      b: airspace(id: "DEF-B") { retired } }""").execute();
            response.path("a.ceilingM").entity(Double.class).isEqualTo(4500.0);
            response.path("a.occupancy.count").entity(Integer.class).isEqualTo(2);
            response.path("a.occupancy.overCapacity").entity(Boolean.class).isEqualTo(false);
            response.path("a.occupancy.capacity").entity(Integer.class).isEqualTo(2);
            response.path("a.occupancy.occupants[*].icao24").entityList(String.class).containsExactly("f20002", "f20003");
            response.path("b.retired").entity(Boolean.class).isEqualTo(true);
        });

        // Redelivery of every airspace event, in order, then shuffled and reversed: nothing changes.
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrapServers, Topics.AIRSPACE_EVENTS);
        List<String> projections = List.of(
                registry.servingApplicationId(AirspaceProjections.Definitions.NAME),
                registry.servingApplicationId(AirspaceProjections.Occupancy.NAME),
                registry.servingApplicationId(AirspaceProjections.Traffic.NAME));
        projections.forEach(p -> Redelivery.awaitCaughtUp(bootstrapServers, p, Topics.AIRSPACE_EVENTS, Duration.ofSeconds(180)));
        List<String> applied = tables();
        assertThat(applied).anyMatch(row -> row.startsWith("airspace_entries_hour"));

        Redelivery.redeliver(bootstrapServers, Topics.AIRSPACE_EVENTS, records);
        projections.forEach(p -> Redelivery.awaitCaughtUp(bootstrapServers, p, Topics.AIRSPACE_EVENTS, Duration.ofSeconds(180)));
        assertThat(tables()).as("after redelivery in order").isEqualTo(applied);

        List<ConsumerRecord<String, byte[]>> outOfOrder = new ArrayList<>(records);
        Collections.shuffle(outOfOrder, new Random(26));
        List<ConsumerRecord<String, byte[]>> reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        outOfOrder.addAll(reversed);
        Redelivery.redeliver(bootstrapServers, Topics.AIRSPACE_EVENTS, outOfOrder);
        projections.forEach(p -> Redelivery.awaitCaughtUp(bootstrapServers, p, Topics.AIRSPACE_EVENTS, Duration.ofSeconds(180)));
        assertThat(tables()).as("after redelivery out of order").isEqualTo(applied);
    }

    private List<AirspaceEvent> definitions() {
        return TopicReader.readAll(bootstrapServers, Topics.AIRSPACE_EVENTS).stream()
                .map(record -> serde.deserializer().deserialize(record.topic(), record.value()))
                .filter(e -> e.getAirspaceId().startsWith("DEF-") && (e.getPayload() instanceof AirspaceDefined
                        || e.getPayload() instanceof AirspaceChanged || e.getPayload() instanceof AirspaceRetired))
                .sorted((a, b) -> a.getOccurredAt().equals(b.getOccurredAt())
                        ? a.getAirspaceId().compareTo(b.getAirspaceId()) : a.getOccurredAt().compareTo(b.getOccurredAt()))
                .toList();
    }

    /** Every row of the airspace read models, as text, in a stable order. */
    private List<String> tables() {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("airspace", "airspace_occupant", "airspace_capacity", "airspace_transit", "airspace_entries_hour")) {
            jdbc.queryForList("SELECT * FROM " + table).forEach(row -> rows.add(table + " " + row));
        }
        Collections.sort(rows);
        return rows;
    }
}
