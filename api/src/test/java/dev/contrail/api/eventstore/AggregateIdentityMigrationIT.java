package dev.contrail.api.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.api.ContrailApplication;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.TestServices;
import dev.contrail.api.support.TopicReader;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportRegistered;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.DepartureRecorded;
import dev.contrail.domain.airport.ImportAirport;
import dev.contrail.domain.airport.ImportOutcome;
import dev.contrail.domain.airport.Movement;
import dev.contrail.domain.airport.MovementKind;
import dev.contrail.domain.airport.RecordMovement;
import dev.contrail.domain.airspace.AircraftEnteredAirspace;
import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.domain.airspace.AirspaceChanged;
import dev.contrail.domain.airspace.AirspaceDefined;
import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.DefineAirspace;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.RecordExit;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.domain.airspace.VerticalLimits;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.FlightDetected;
import dev.contrail.domain.flighttracking.Position;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * ADR 0021 on an event store written before it: events stored under bare identifiers (an airport, a movement, an
 * aircraft, and a FIR whose id an airport shares, redefined by a second source as the old identities allowed) are
 * written the old way — through Axon's JDBC storage engine, with the migrations before V21_1 — then Contrail starts on
 * that database. The migration qualifies every identifier; every aggregate loads with its state; new commands append
 * after the stored events; the airport and the FIR with the same code, and the FIR's two sources, are apart.
 */
@SpringBootTest(classes = ContrailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"contrail.embedded.enabled=false", "contrail.capture.enabled=false", "contrail.airports.import.enabled=false",
                "contrail.airspace.definitions.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AggregateIdentityMigrationIT {

    /** Long ago: nothing here counts among the busiest airports or the traffic other tests ask for on the shared topics. */
    private static final Instant T0 = Instant.parse("2001-01-01T10:00:00Z");
    /** Unique on the shared topics: the FIR and the airport share it, as EIDW did. */
    private static final String ICAO24 = Aircraft.uniqueIcao24();
    private static final String CODE = "M" + ICAO24.toUpperCase(Locale.ROOT);
    private static final String FIRS = "vatspy-boundaries.geojson.gz";
    private static final String APPROACHES = "approaches.geojson";
    private static final AirspaceDefinition FIR = definition(FIRS, 50, 51);
    private static final AirspaceDefinition APPROACH = definition(APPROACHES, 50.2, 50.4);
    private static final String FLIGHT = ICAO24 + "-1678803647";
    private static final String MOVEMENT = Movement.idOf(FLIGHT, MovementKind.DEPARTURE);
    private static final AirportDetails KIAD = airport("K" + ICAO24.toUpperCase(Locale.ROOT), "Washington Dulles International Airport");

    @LocalServerPort
    private int port;
    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private CommandGateway commands;

    @DynamicPropertySource
    static void databaseWrittenBeforeAdr0021(DynamicPropertyRegistry registry) throws SQLException {
        TestServices.Database database = TestServices.newDatabase();
        Flyway.configure().dataSource(database.url(), database.user(), database.password()).locations("classpath:db/migration")
                .target("5.1").load().migrate();
        writeTheOldWay(database);
        String kafka = TestServices.newKafka();
        registry.add("spring.kafka.bootstrap-servers", () -> kafka);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("contrail.kafka.application-id-prefix", () -> "it-" + UUID.randomUUID());
    }

    /** As Contrail stored events before ADR 0021: Axon's engine, Axon's Jackson serializer, the aggregates' own ids. */
    private static void writeTheOldWay(TestServices.Database database) throws SQLException {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> DriverManager.getConnection(database.url(), database.user(), database.password()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .schema(EventSchema.builder().eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index").timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
                        .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number").typeColumn("type")
                        .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").payloadColumn("payload")
                        .metaDataColumn("meta_data").build())
                .build();
        AircraftPosition inside = new AircraftPosition(50.5, -6.5, 3000.0);
        engine.appendEvents(List.of(
                // The FIR, then a second source's volume with the same id replacing it: one stream, as before.
                new GenericDomainEventMessage<>("AirspaceVolume", CODE, 0, new AirspaceDefined(CODE, FIR, T0)),
                new GenericDomainEventMessage<>("AirspaceVolume", CODE, 1, new AirspaceChanged(CODE, APPROACH, T0.plusSeconds(1))),
                new GenericDomainEventMessage<>("AirspaceVolume", CODE, 2,
                        new AircraftEnteredAirspace(CODE, ICAO24, FLIGHT, T0.plusSeconds(2), inside, 1)),
                new GenericDomainEventMessage<>("Airport", KIAD.ident(), 0, new AirportRegistered(KIAD.ident(), KIAD)),
                new GenericDomainEventMessage<>("Movement", MOVEMENT, 0, new DepartureRecorded(MOVEMENT, KIAD.ident(), "30", FLIGHT, ICAO24,
                        "TST1", T0, 38.95, -77.45)),
                new GenericDomainEventMessage<>("Aircraft", ICAO24, 0, new FlightDetected(ICAO24, FLIGHT, T0, "TST1", "Ireland",
                        new Position(50.5, -6.5, 3000.0, 3050.0), false, 200.0, 90.0, 0.0, "1000"))));
        // A snapshot of the volume as the aggregate was then (no volume id): it must not be loaded.
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, time_stamp,
                         payload_type, payload, meta_data) VALUES (?, 2, 'AirspaceVolume', ?, ?, ?, ?, ?)""")) {
            insert.setString(1, CODE);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, T0.plusSeconds(2).toString());
            insert.setString(4, AirspaceVolume.class.getName());
            insert.setBytes(5, mapper.writeValueAsBytes(Map.of("airspaceId", CODE, "definition", APPROACH, "retired", false,
                    "occupants", Map.of(ICAO24, FLIGHT), "overCapacity", false)));
            insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void storedAggregatesLoadUnderQualifiedIdentitiesAndNewEventsFollowTheirSequences() {
        String firVolume = AirspaceVolume.idOf(FIRS, CODE);
        String approachVolume = AirspaceVolume.idOf(APPROACHES, CODE);
        // The migration: every stored identifier qualified; the old stream is the FIR's (its first definition's source).
        assertThat(streams()).containsExactlyInAnyOrder(
                "airspace:" + firVolume + " 0", "airspace:" + firVolume + " 1", "airspace:" + firVolume + " 2",
                "airport:" + KIAD.ident() + " 0", "movement:" + MOVEMENT + " 0", "aircraft:" + ICAO24 + " 0");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry", Long.class)).isZero();
        assertThat(jdbc.queryForList("SELECT airspace_id || ' ' || source FROM airspace_legacy_volume", String.class))
                .containsExactly(CODE + " " + FIRS);

        // An airport with the FIR's code registers beside it (it failed with IncompatibleAggregateException before).
        AirportDetails sameCode = airport(CODE, "An airport with the FIR's code");
        assertThat((ImportOutcome) commands.sendAndWait(new ImportAirport(sameCode))).isEqualTo(ImportOutcome.REGISTERED);
        // The stored airport loads with its state: the same details change nothing, other details are a change.
        assertThat((ImportOutcome) commands.sendAndWait(new ImportAirport(KIAD))).isEqualTo(ImportOutcome.UNCHANGED);
        assertThat((ImportOutcome) commands.sendAndWait(new ImportAirport(airport(KIAD.ident(), "Dulles"))))
                .isEqualTo(ImportOutcome.CHANGED);
        // The FIR's source defines it back (the other source's definition was last); again, nothing; the other source's
        // volume with that id is a volume of its own.
        commands.sendAndWait(new DefineAirspace(CODE, FIR, T0.plusSeconds(10)));
        commands.sendAndWait(new DefineAirspace(CODE, FIR, T0.plusSeconds(11)));
        commands.sendAndWait(new DefineAirspace(CODE, APPROACH, T0.plusSeconds(12)));
        // The aircraft inside the FIR before leaves it: the occupants were loaded from the stored events.
        commands.sendAndWait(new RecordExit(firVolume, ICAO24, FLIGHT, T0.plusSeconds(20), null, ExitReason.LEFT));
        // The stored departure is recorded already; the stored aircraft loses its flight.
        assertThat((Boolean) commands.sendAndWait(new RecordMovement(MovementKind.DEPARTURE, KIAD.ident(), "30", FLIGHT, ICAO24, "TST1",
                T0, 38.95, -77.45))).isFalse();
        commands.sendAndWait(new DeclareFlightLost(ICAO24, T0, T0.plusSeconds(600)));

        assertThat(streams()).containsExactlyInAnyOrder(
                "airspace:" + firVolume + " 0", "airspace:" + firVolume + " 1", "airspace:" + firVolume + " 2",
                "airspace:" + firVolume + " 3", "airspace:" + firVolume + " 4",
                "airspace:" + approachVolume + " 0",
                "airport:" + KIAD.ident() + " 0", "airport:" + KIAD.ident() + " 1", "airport:" + CODE + " 0",
                "movement:" + MOVEMENT + " 0", "aircraft:" + ICAO24 + " 0", "aircraft:" + ICAO24 + " 1");
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, "airspace:" + firVolume)).extracting(type -> type.substring(type.lastIndexOf('.') + 1))
                .containsExactly("AirspaceDefined", "AirspaceChanged", "AircraftEnteredAirspace", "AirspaceChanged", "AircraftExitedAirspace");

        // The stored events were published before the upgrade, without a source: the entry, as a v1 record reads (source
        // null). It belongs to the volume the migration gave the id to, as the exit published since does.
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.AIRSPACE_EVENTS, ICAO24, AvroSerde.of(AirspaceEvent.class).serializer().serialize(
                    Topics.AIRSPACE_EVENTS, AirspaceEvent.newBuilder().setEventId("legacy-" + ICAO24).setAirspaceId(CODE).setSource(null)
                            .setSequence(2).setOccurredAt(T0.plusSeconds(2))
                            .setPayload(dev.contrail.schemas.airspace.AircraftEnteredAirspace.newBuilder().setIcao24(ICAO24)
                                    .setFlightId(FLIGHT).setOccupants(1).build())
                            .build())));
        }

        // Over GraphQL, from the events on Kafka: the airport, and the two volumes told apart by their source.
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(60)).build());
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            graphQl.document("{ airport(icao: \"" + CODE + "\") { ident name } }").execute()
                    .path("airport.name").entity(String.class).isEqualTo("An airport with the FIR's code");
            var fir = graphQl.document("{ airspace(id: \"" + CODE + "\", source: \"" + FIRS + "\") { id source transits { kind icao24 } } }")
                    .execute();
            fir.path("airspace.source").entity(String.class).isEqualTo(FIRS);
            assertThat(fir.path("airspace.transits[*].kind").entityList(String.class).get()).as(this::onTheTopic)
                    .containsExactly("EXIT", "ENTRY");
            graphQl.document("{ airspace(id: \"" + CODE + "\", source: \"" + APPROACHES + "\") { source } }").execute()
                    .path("airspace.source").entity(String.class).isEqualTo(APPROACHES);
        });
        graphQl.document("{ airspace(id: \"" + CODE + "\") { source } }").execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> assertThat(error.getMessage())
                        .contains("2 sources").contains(FIRS).contains(APPROACHES)));
    }

    /** For a failure's message: what airspace.events holds about the volume id. */
    private String onTheTopic() {
        var serde = AvroSerde.of(AirspaceEvent.class);
        return "on the topic: " + TopicReader.readAll(bootstrapServers, Topics.AIRSPACE_EVENTS).stream()
                .map(record -> serde.deserializer().deserialize(record.topic(), record.value()))
                .filter(event -> event.getAirspaceId().equals(CODE))
                .map(event -> event.getSource() + "/" + event.getSequence() + " " + event.getPayload().getClass().getSimpleName()).toList();
    }

    private List<String> streams() {
        return jdbc.queryForList("SELECT aggregate_identifier || ' ' || sequence_number FROM domain_event_entry", String.class);
    }

    private static AirspaceDefinition definition(String source, double south, double north) {
        return new AirspaceDefinition(CODE + " from " + source, source, Boundary.of(new BoundaryPolygon(new Ring(List.of(
                new GeoPoint(south, -7), new GeoPoint(south, -6), new GeoPoint(north, -6), new GeoPoint(north, -7), new GeoPoint(south, -7))),
                List.of())), VerticalLimits.UNBOUNDED, 100);
    }

    private static AirportDetails airport(String ident, String name) {
        // Far from any airport other tests look for on the shared topic, and not large (AirportImportIT lists the large ones).
        return new AirportDetails(ident, AirportType.SMALL_AIRPORT, name, -75.0, 60.0, 95.0, "AQ", "AQ-U-A", "Nowhere", false, null, null,
                List.of());
    }
}
