package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.readmodels.flighttracking.EmergenciesProjection;
import dev.contrail.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Emergencies end to end: squawks told to the Aircraft aggregate become declarations and clearances on Kafka, the
 * emergencies projection keeps them in PostgreSQL and tells the WebSocket subscribers, and the query serves the
 * active and the past ones. Redelivering every event again, in order and out of order, leaves the table as it was.
 */
class EmergenciesIT extends ContrailIntegrationTest {

    private static final Position CLIMBING_OUT_OF_DULLES = new Position(38.9301, -77.4602, 450.0, 480.0);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ProjectionRegistry projections;

    private HttpGraphQlTester graphQl;
    private WebSocketGraphQlClient subscriptions;

    @BeforeEach
    void connect() {
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .responseTimeout(Duration.ofSeconds(60)).build());
        subscriptions = WebSocketGraphQlClient.builder(graphQlWebSocketUrl(), new StandardWebSocketClient())
                .documentSource(new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")), List.of(".graphql")))
                .build();
    }

    @AfterEach
    void disconnect() {
        subscriptions.stop().block(Duration.ofSeconds(5));
    }

    @Test
    void aSquawkScareEndedByALostFlightIsPastAndAnEmergencyStillSquawkedIsActive() {
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String scared = Aircraft.uniqueIcao24();
        String squawking = Aircraft.uniqueIcao24();

        squawkScareUntilLost(scared, t0);
        observe(squawking, t0.plusSeconds(30), "7700", position(1));

        List<EmergencyView> past = List.of(
                new EmergencyView(null, scared, scared + "-" + t0.getEpochSecond(), "HIJACK", "7500", t0.plusSeconds(240).toString(),
                        place(position(4)), false, t0.plusSeconds(900).toString(), "FLIGHT_LOST"),
                new EmergencyView(null, scared, scared + "-" + t0.getEpochSecond(), "RADIO_FAILURE", "7600", t0.plusSeconds(120).toString(),
                        place(position(2)), false, t0.plusSeconds(180).toString(), "CLEARED"),
                new EmergencyView(null, scared, scared + "-" + t0.getEpochSecond(), "GENERAL_EMERGENCY", "7700", t0.plusSeconds(60).toString(),
                        place(position(1)), false, t0.plusSeconds(120).toString(), "CLEARED"));
        EmergencyView active = new EmergencyView(null, squawking, squawking + "-" + t0.plusSeconds(30).getEpochSecond(),
                "GENERAL_EMERGENCY", "7700", t0.plusSeconds(30).toString(), place(position(1)), true, null, null);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(withoutIds(emergencies(Boolean.FALSE, Set.of(scared, squawking)))).containsExactlyElementsOf(past);
            assertThat(withoutIds(emergencies(Boolean.TRUE, Set.of(scared, squawking)))).containsExactly(active);
        });

        List<EmergencyView> all = emergencies(null, Set.of(scared, squawking));
        assertThat(withoutIds(all)).containsExactly(past.get(0), past.get(1), past.get(2), active);
        assertThat(all).extracting(EmergencyView::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("f[0-9a-f]{5}-[0-9]+"));
    }

    @Test
    void aSubscriberHearsEachDeclarationAndItsClearanceAsTheyHappen() {
        String icao24 = Aircraft.uniqueIcao24();
        List<EmergencyView> heard = new CopyOnWriteArrayList<>();
        Disposable subscription = subscriptions.documentName("emergencyUpdates").executeSubscription()
                .map(response -> response.field("emergencies").toEntity(EmergencyView.class))
                .filter(emergency -> icao24.equals(emergency.icao24()))
                .subscribe(heard::add);
        AtomicLong contact = new AtomicLong(Instant.now().getEpochSecond());
        observe(icao24, Instant.ofEpochSecond(contact.get()), "1200", position(0));

        // The subscription is registered asynchronously: keep squawking 7700 and 1200 in turn until the subscriber
        // has heard one declaration and its clearance, rather than guessing when the server has registered it.
        Disposable squawking = Flux.interval(Duration.ZERO, Duration.ofSeconds(1), Schedulers.boundedElastic())
                .takeWhile(tick -> declaredAndCleared(heard) == null)
                .subscribe(tick -> {
                    observe(icao24, Instant.ofEpochSecond(contact.addAndGet(10)), "7700", position(1));
                    observe(icao24, Instant.ofEpochSecond(contact.addAndGet(10)), "1200", position(2));
                });
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> declaredAndCleared(heard) != null);
        } finally {
            squawking.dispose();
            subscription.dispose();
        }

        List<EmergencyView> pair = declaredAndCleared(heard);
        EmergencyView declared = pair.get(0);
        EmergencyView cleared = pair.get(1);
        assertThat(declared.kind()).isEqualTo("GENERAL_EMERGENCY");
        assertThat(declared.squawk()).isEqualTo("7700");
        assertThat(declared.position()).isEqualTo(place(position(1)));
        assertThat(declared.active()).isTrue();
        assertThat(declared.clearedAt()).isNull();
        assertThat(cleared).isEqualTo(new EmergencyView(declared.id(), icao24, declared.flightId(), "GENERAL_EMERGENCY", "7700",
                declared.declaredAt(), declared.position(), false,
                Instant.parse(declared.declaredAt()).plusSeconds(10).toString(), "CLEARED"));
    }

    @Test
    void redeliveringEveryEventAgainInOrderAndOutOfOrderLeavesEveryEmergencyAsItWas() {
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String icao24 = Aircraft.uniqueIcao24();
        squawkScareUntilLost(icao24, t0);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(emergencies(Boolean.FALSE, Set.of(icao24))).extracting(EmergencyView::endedBy)
                        .containsExactly("FLIGHT_LOST", "CLEARED", "CLEARED"));
        String projection = projections.servingApplicationId(EmergenciesProjection.NAME);
        Redelivery.awaitCaughtUp(bootstrapServers, projection, Topics.FLIGHT_TRACKING_EVENTS, Duration.ofSeconds(120));
        List<Map<String, Object>> applied = emergenciesOf(icao24);
        List<ConsumerRecord<String, byte[]>> history = TopicReader.readAll(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS).stream()
                .filter(record -> icao24.equals(record.key())).toList();

        Redelivery.assertUnchangedByRedelivery(bootstrapServers, projection, Topics.FLIGHT_TRACKING_EVENTS, history, 7500, applied,
                () -> emergenciesOf(icao24));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void anUnacceptableNumberOfEmergenciesIsAnErrorNamingIt(int first) {
        graphQl.documentName("emergencies").variable("first", first).execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("classification", "BAD_REQUEST").containsEntry("argument", "first");
                    assertThat(error.getMessage()).isEqualTo("Invalid argument 'first': must be within [1, 1000], was " + first);
                }));
    }

    /**
     * Airborne out of Dulles at t0; 7700 a minute later, 7600 at t0 + 2 min (which clears the 7700), 2000 at
     * t0 + 3 min, 7500 at t0 + 4 min; then nothing heard until the flight is declared lost at t0 + 15 min.
     */
    private void squawkScareUntilLost(String icao24, Instant t0) {
        observe(icao24, t0, "1200", position(0));
        observe(icao24, t0.plusSeconds(60), "7700", position(1));
        observe(icao24, t0.plusSeconds(120), "7600", position(2));
        observe(icao24, t0.plusSeconds(180), "2000", position(3));
        observe(icao24, t0.plusSeconds(240), "7500", position(4));
        commands.sendAndWait(new DeclareFlightLost(icao24, t0.plusSeconds(240), t0.plusSeconds(900)));
    }

    private void observe(String icao24, Instant at, String squawk, Position position) {
        commands.sendAndWait(new RecordObservation(new Observation(Icao24.of(icao24), at, "DAL1382", "United States", position, false,
                150.0, 190.0, 8.0, squawk)));
    }

    /** The climb out of Dulles, a few hundred metres further south-west every minute. */
    private static Position position(int minute) {
        return new Position(CLIMBING_OUT_OF_DULLES.latitude() - 0.01 * minute, CLIMBING_OUT_OF_DULLES.longitude() - 0.01 * minute,
                CLIMBING_OUT_OF_DULLES.barometricAltitudeM() + 300 * minute, CLIMBING_OUT_OF_DULLES.geometricAltitudeM() + 300 * minute);
    }

    private List<EmergencyView> emergencies(Boolean active, Set<String> of) {
        return graphQl.documentName("emergencies").variable("active", active).variable("first", 1000).execute()
                .path("emergencies").entityList(EmergencyView.class).get().stream()
                .filter(emergency -> of.contains(emergency.icao24())).toList();
    }

    /**
     * The aircraft's rows, every column. Only its own: each test context re-processes what earlier ones left on the
     * shared topics (e.g. a whole capture), so other rows may still be changing in the background.
     */
    private List<Map<String, Object>> emergenciesOf(String icao24) {
        return jdbc.queryForList("SELECT * FROM emergency WHERE icao24 = ? ORDER BY declared_sequence", icao24);
    }

    /** The first declaration heard and, after it, the clearance of the same emergency; null until both were heard. */
    private static List<EmergencyView> declaredAndCleared(List<EmergencyView> heard) {
        for (int i = 0; i < heard.size(); i++) {
            EmergencyView declared = heard.get(i);
            if (declared.active()) {
                for (EmergencyView later : heard.subList(i + 1, heard.size())) {
                    if (later.id().equals(declared.id()) && !later.active()) {
                        return List.of(declared, later);
                    }
                }
            }
        }
        return null;
    }

    private static List<EmergencyView> withoutIds(List<EmergencyView> emergencies) {
        return emergencies.stream().map(e -> new EmergencyView(null, e.icao24(), e.flightId(), e.kind(), e.squawk(), e.declaredAt(),
                e.position(), e.active(), e.clearedAt(), e.endedBy())).toList();
    }

    private static FlightHistoryIT.PlaceView place(Position position) {
        return new FlightHistoryIT.PlaceView(position.latitude(), position.longitude(), position.barometricAltitudeM(),
                position.geometricAltitudeM());
    }

    /** An Emergency as the client reads it. */
    record EmergencyView(String id, String icao24, String flightId, String kind, String squawk, String declaredAt,
                         FlightHistoryIT.PlaceView position, boolean active, String clearedAt, String endedBy) {
    }
}
