package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.RawStateVectors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The spine, end to end: a state vector put on the raw topic goes through refinement, the Aircraft aggregate,
 * the event store, the Kafka publisher and the live-flights projection, and reaches a GraphQL subscriber over
 * WebSocket (graphql-transport-ws) and the read model behind the HTTP query.
 */
class FlightTrackingSpineIT extends ContrailIntegrationTest {

    private static final Map<String, Object> AROUND_DULLES = Map.of("south", 38.5, "west", -78.0, "north", 39.5, "east", -77.0);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private RawStateVectors raw;
    private WebSocketGraphQlClient subscriptions;
    private HttpGraphQlTester http;

    @BeforeEach
    void connect() {
        raw = new RawStateVectors(bootstrapServers);
        var documents = new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")), List.of(".graphql"));
        subscriptions = WebSocketGraphQlClient.builder(graphQlWebSocketUrl(), new StandardWebSocketClient())
                .documentSource(documents)
                .build();
        http = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterEach
    void disconnect() {
        raw.close();
        subscriptions.stop().block(Duration.ofSeconds(5));
    }

    @Test
    void aStateVectorOnTheRawTopicReachesAWebSocketSubscriberAndTheReadModel() {
        String icao24 = Aircraft.uniqueIcao24();
        Flux<ClientGraphQlResponse> updates = subscriptions.documentName("flightUpdates")
                .variable("within", AROUND_DULLES)
                .executeSubscription()
                .filter(response -> icao24.equals(response.field("flightUpdates.icao24").getValue()));

        // The subscription is established asynchronously: keep the aircraft talking (newer contact each time)
        // until the subscriber hears it, rather than guessing when the server has registered it.
        AtomicBoolean heard = new AtomicBoolean();
        AtomicLong contact = new AtomicLong(Instant.now().getEpochSecond());
        Disposable talking = Flux.interval(Duration.ZERO, Duration.ofMillis(500), Schedulers.boundedElastic())
                .takeWhile(tick -> !heard.get())
                .subscribe(tick -> raw.send(RawStateVectors.overDulles(icao24, contact.incrementAndGet()).build()));
        try {
            ClientGraphQlResponse update = updates.blockFirst(Duration.ofSeconds(60));
            heard.set(true);

            assertThat(update).isNotNull();
            assertThat(update.field("flightUpdates.callsign").<String>getValue()).isEqualTo("NKS2003");
            assertThat(update.field("flightUpdates.onGround").<Boolean>getValue()).isFalse();
            assertThat(update.field("flightUpdates.position.latitude").<Double>getValue()).isEqualTo(38.8778);
            assertThat(update.field("flightUpdates.position.longitude").<Double>getValue()).isEqualTo(-77.3974);
            assertThat(update.field("flightUpdates.position.barometricAltitudeM").<Double>getValue()).isEqualTo(7010.4);
            assertThat(update.field("flightUpdates.phase").<String>getValue()).isEqualTo("CRUISING");
            assertThat(update.field("flightUpdates.emergency").<String>getValue()).isNull();
        } finally {
            talking.dispose();
        }

        http.documentName("flight").variable("icao24", icao24).execute()
                .path("flight.icao24").entity(String.class).isEqualTo(icao24)
                .path("flight.callsign").entity(String.class).isEqualTo("NKS2003")
                .path("flight.squawk").entity(String.class).isEqualTo("0260")
                .path("flight.originCountry").entity(String.class).isEqualTo("United States")
                .path("flight.position.latitude").entity(Double.class).isEqualTo(38.8778)
                .path("flight.flightId").entity(String.class).satisfies(id -> assertThat(id).startsWith(icao24 + "-"))
                .path("flight.phase").entity(String.class).isEqualTo("CRUISING")
                .path("flight.emergency").valueIsNull();

        http.documentName("flights")
                .variables(Map.of("within", AROUND_DULLES, "callsignPrefix", "nks", "minAltitude", 7000.0, "onGround", false, "first", 1000))
                .execute()
                .path("flights.edges[*].node.icao24").entityList(String.class).contains(icao24);

        // The track comes from the observation stream through a projection of its own: it may follow a moment later.
        Instant now = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.documentName("flightTrack")
                .variables(Map.of("icao24", icao24, "from", now.minus(Duration.ofHours(1)).toString(), "to", now.plus(Duration.ofHours(1)).toString()))
                .execute()
                .path("flightTrack.points[0].latitude").entity(Double.class).isEqualTo(38.8778)
                .path("flightTrack.points[0].longitude").entity(Double.class).isEqualTo(-77.3974)
                .path("flightTrack.points[0].barometricAltitudeM").entity(Double.class).isEqualTo(7010.4));
    }

    @Test
    void aSubscriberOutsideTheAreaHearsNothingOfAnAircraftInside() {
        String icao24 = Aircraft.uniqueIcao24();
        Map<String, Object> overLondon = Map.of("south", 51.0, "west", -1.0, "north", 52.0, "east", 1.0);
        Flux<ClientGraphQlResponse> london = subscriptions.documentName("flightUpdates")
                .variable("within", overLondon)
                .executeSubscription();
        Flux<ClientGraphQlResponse> dulles = subscriptions.documentName("flightUpdates")
                .variable("within", AROUND_DULLES)
                .executeSubscription()
                .filter(response -> icao24.equals(response.field("flightUpdates.icao24").getValue()));
        var heardInLondon = london.filter(response -> icao24.equals(response.field("flightUpdates.icao24").getValue()))
                .onErrorResume(closed -> Flux.empty()).collectList().toFuture();

        AtomicLong contact = new AtomicLong(Instant.now().getEpochSecond());
        AtomicBoolean heard = new AtomicBoolean();
        Disposable talking = Flux.interval(Duration.ZERO, Duration.ofMillis(500), Schedulers.boundedElastic())
                .takeWhile(tick -> !heard.get())
                .subscribe(tick -> raw.send(RawStateVectors.overDulles(icao24, contact.incrementAndGet()).build()));
        try {
            assertThat(dulles.blockFirst(Duration.ofSeconds(60))).isNotNull();
            heard.set(true);
        } finally {
            talking.dispose();
        }
        subscriptions.stop().block(Duration.ofSeconds(5));
        assertThat(heardInLondon.join()).isEmpty();
    }
}
