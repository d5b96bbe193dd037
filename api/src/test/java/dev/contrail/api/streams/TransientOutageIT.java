package dev.contrail.api.streams;

import static dev.contrail.api.support.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.TopicReader;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A transient outage is not the records' fault (ADR 0025): while PostgreSQL refuses connections and every open one is
 * terminated, observations keep arriving; once it is back, every one of them is in every read model, none was
 * dead-lettered, and no topology ended in ERROR or FAILED.
 */
class TransientOutageIT extends ContrailIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(300);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    @Value("${spring.datasource.username}")
    private String user;

    @Value("${spring.datasource.password}")
    private String password;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ProjectionRegistry projections;

    @Test
    void observationsThatArriveWhileTheDatabaseIsAwayAreAllWrittenOnceItIsBackAndNoneIsDeadLettered() throws Exception {
        List<String> before = aircraft(10);
        List<String> during = aircraft(20);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            before.forEach(icao24 -> send(producer, icao24));
            producer.flush();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(written("track_point", before)).isEqualTo(before.size()));

            String database = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
            try (Connection admin = DriverManager.getConnection(databaseUrl.replace("/" + database, "/postgres"), user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                try {
                    Instant outageEnds = Instant.now().plusSeconds(8);
                    for (String icao24 : during) {
                        terminateBackends(statement, database);
                        send(producer, icao24);
                        producer.flush();
                        Thread.sleep(200); // holding the outage, not waiting for a result
                    }
                    while (Instant.now().isBefore(outageEnds)) {
                        terminateBackends(statement, database);
                        Thread.sleep(500);
                    }
                } finally {
                    statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
                }
            }
        }

        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(written("track_point", all)).as("track points").isEqualTo(all.size());
            assertThat(written("traffic_minute", all)).as("traffic minutes").isEqualTo(all.size());
            assertThat(written("live_flight", all)).as("live flights").isEqualTo(all.size());
        });
        // Other tests' dead letters may share the broker, some without a key (a record that had none): Set.of(...) refuses
        // to be asked for null, so the keys are compared the other way round.
        assertThat(TopicReader.readAll(bootstrapServers, Topics.DEAD_LETTERS))
                .as("nothing of ours dead-lettered")
                .noneMatch(deadLetter -> all.contains(header(deadLetter, DeadLetterHeaders.KEY)));
        assertThat(projections.servingHealthy()).as("every serving projection generation runs").isTrue();
        assertThat(projections.streamsStates().values()).doesNotContain(KafkaStreams.State.ERROR);
    }

    private static void terminateBackends(Statement statement, String database) throws SQLException {
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "' AND pid <> pg_backend_pid()");
    }

    private long written(String table, List<String> icao24s) {
        return jdbc.queryForObject("SELECT count(DISTINCT icao24) FROM " + table + " WHERE icao24 = ANY (?)", Long.class,
                (Object) icao24s.toArray(String[]::new));
    }

    private static List<String> aircraft(int count) {
        List<String> icao24s = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            icao24s.add(Aircraft.uniqueIcao24());
        }
        return icao24s;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String icao24) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AircraftObservation observation = AircraftObservation.newBuilder().setIcao24(icao24).setObservedAt(now).setPositionAt(now)
                .setCallsign("UAL1744").setLatitude(38.8778).setLongitude(-77.3974).setBarometricAltitudeM(7010.4).setOnGround(false)
                .setGroundSpeedMps(187.84).setSource("transient-outage-it").build();
        producer.send(new ProducerRecord<>(Topics.FLIGHT_TRACKING_OBSERVATIONS, icao24,
                AvroSerde.of(AircraftObservation.class).serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation)));
    }
}
