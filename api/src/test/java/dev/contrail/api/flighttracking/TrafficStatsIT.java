package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.Redelivery;
import dev.contrail.api.support.TopicReader;
import dev.contrail.infrastructure.kafka.ContrailKafkaProperties;
import dev.contrail.readmodels.flighttracking.TrafficStatsProjection;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Traffic statistics end to end: observations on the observation topic, folded into per-aircraft minutes by the
 * traffic-stats projection and rolled up by PostgreSQL, are what a plain Java computation over everything on the topic
 * gives for the same minutes. Redelivering every observation again, in order and out of order, leaves the minutes as
 * they were.
 */
class TrafficStatsIT extends ContrailIntegrationTest {

    private static final AvroSerde<AircraftObservation> OBSERVATIONS = AvroSerde.of(AircraftObservation.class);
    private static final String[] COUNTRIES = {"United States", "Canada", "Mexico", "Ireland", "Côte d'Ivoire", null};

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ContrailKafkaProperties contrail;
    @Autowired
    private ProjectionRegistry projections;

    private HttpGraphQlTester graphQl;
    private String projection;

    @BeforeEach
    void connect() {
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl())
                .responseTimeout(Duration.ofSeconds(60)).build());
        projection = projections.servingApplicationId(TrafficStatsProjection.NAME);
    }

    @Test
    void theStatisticsOfEveryWindowAreWhatAnIndependentComputationOverTheTopicGives() {
        publish(traffic(new Random(7700), 14, Instant.now().minus(12, ChronoUnit.MINUTES)));

        for (var window : List.of(Map.<String, Object>of(), Map.<String, Object>of("window", "PT1M", "top", 1),
                Map.<String, Object>of("window", "PT5M", "top", 3), Map.<String, Object>of("window", "PT15M", "top", 50),
                Map.<String, Object>of("window", "PT24H", "top", 10))) {
            // The topic is shared with the earlier test contexts, whose raw feed this context's refinement re-processes
            // when it starts: compute over the topic as the projection saw it, and again if it grew in between.
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                awaitObservationsSettled();
                StatsView served = trafficStats(window);
                List<AircraftObservation> everything = TopicReader.readAll(bootstrapServers, Topics.FLIGHT_TRACKING_OBSERVATIONS).stream()
                        .map(record -> OBSERVATIONS.deserialize(record.topic(), record.value())).filter(Objects::nonNull).toList();

                assertThat(served).as("window %s", window).isEqualTo(expected(everything, served, (int) window.getOrDefault("top", 5)));
            });
        }
    }

    @Test
    void aWindowCoversWholeMinutesFromTheOneThatWasCurrentThatLongAgoToTheEndOfTheCurrentOne() {
        Instant before = Instant.now();
        StatsView served = trafficStats(Map.of("window", "PT1H"));
        Instant after = Instant.now();

        assertThat(served.window()).isEqualTo("PT1H");
        assertThat(Instant.parse(served.from())).isBetween(before.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES),
                after.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES));
        assertThat(Instant.parse(served.to())).isBetween(before.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES),
                after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
        assertThat(trafficStats(Map.of()).window()).as("the default").isEqualTo("PT5M");
    }

    @Test
    void redeliveringEveryObservationAgainInOrderAndOutOfOrderLeavesEveryMinuteAsItWas() {
        List<AircraftObservation> traffic = traffic(new Random(7600), 8, Instant.now().minus(30, ChronoUnit.MINUTES));
        publish(traffic);
        Redelivery.awaitCaughtUp(bootstrapServers, projection, Topics.FLIGHT_TRACKING_OBSERVATIONS, Duration.ofSeconds(120));
        var mine = traffic.stream().map(AircraftObservation::getIcao24).collect(Collectors.toSet());
        List<Map<String, Object>> applied = minutesOf(mine);
        assertThat(applied).as("the minutes of this traffic").hasSizeGreaterThanOrEqualTo(8 * 10);
        List<ConsumerRecord<String, byte[]>> published = TopicReader.readAll(bootstrapServers, Topics.FLIGHT_TRACKING_OBSERVATIONS).stream()
                .filter(record -> mine.contains(record.key())).toList();
        assertThat(published).hasSameSizeAs(traffic);

        Redelivery.assertUnchangedByRedelivery(bootstrapServers, projection, Topics.FLIGHT_TRACKING_OBSERVATIONS, published, 7500, applied,
                () -> minutesOf(mine));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "shorter than a minute | window | PT30S        | must be within [PT1M, PT24H], was PT30S",
        "longer than a day     | window | PT24H1M      | must be within [PT1M, PT24H], was PT24H1M",
        "two days              | window | P2D          | must be within [PT1M, PT24H], was P2D",
        "negative              | window | -PT5M        | must be within [PT1M, PT24H], was -PT5M",
        "not a duration        | window | five minutes | must be an ISO-8601 duration, e.g. PT5M or PT1H, was 'five minutes'",
        "no aircraft           | top    | 0            | must be within [1, 50], was 0",
        "too many aircraft     | top    | 51           | must be within [1, 50], was 51",
    })
    void anUnacceptableArgumentIsAnErrorNamingIt(String description, String argument, String value, String problem) {
        Object typed = argument.equals("top") ? (Object) Integer.valueOf(value) : value;

        graphQl.documentName("trafficStats").variable(argument, typed).execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("classification", "BAD_REQUEST").containsEntry("argument", argument);
                    assertThat(error.getMessage()).isEqualTo("Invalid argument '" + argument + "': " + problem);
                }));
    }

    /**
     * {@code aircraft} aircraft heard every 50 s or so for ten minutes from {@code start}: some landing, some taking
     * off, some silent on speed, callsign or country now and then, callsigns changing halfway, and one aircraft
     * without a country at all.
     */
    private static List<AircraftObservation> traffic(Random random, int aircraft, Instant start) {
        List<AircraftObservation> observations = new ArrayList<>();
        for (int k = 0; k < aircraft; k++) {
            String icao24 = Aircraft.uniqueIcao24();
            String country = COUNTRIES[k % COUNTRIES.length];
            for (int i = 0; i < 12; i++) {
                Instant at = start.plusSeconds(50L * i + k).plusMillis(random.nextInt(1000));
                boolean onGround = switch (k % 4) {
                    case 0 -> i >= 8;   // lands
                    case 1 -> i < 3;    // takes off
                    case 2 -> false;    // overflies
                    default -> i % 2 == 0 && k % 8 == 3; // flickers on one of them
                };
                observations.add(AircraftObservation.newBuilder()
                        .setIcao24(icao24)
                        .setObservedAt(at)
                        .setPositionAt(at)
                        .setCallsign(i % 3 == 2 ? null : "TRF" + k + (i < 6 ? "A" : "B"))
                        .setOriginCountry(i % 5 == 4 ? null : country)
                        .setLatitude(38.5 + random.nextDouble())
                        .setLongitude(-78.0 + random.nextDouble())
                        .setBarometricAltitudeM(onGround || i % 7 == 6 ? null : 300 + random.nextDouble() * 11_700)
                        .setGeometricAltitudeM(onGround ? null : 300 + random.nextDouble() * 11_700)
                        .setOnGround(onGround)
                        .setGroundSpeedMps(i % 6 == 5 ? null : (onGround ? random.nextDouble() * 15 : 60 + random.nextDouble() * 200))
                        .setTrackDeg(random.nextDouble() * 360)
                        .setVerticalRateMps(0.0)
                        .setSquawk("1200")
                        .setSource("test")
                        .build());
            }
        }
        return observations;
    }

    private void publish(List<AircraftObservation> observations) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (AircraftObservation observation : observations) {
                producer.send(new ProducerRecord<>(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation.getIcao24(),
                        OBSERVATIONS.serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation)));
            }
            producer.flush();
        }
    }

    private StatsView trafficStats(Map<String, Object> arguments) {
        var request = graphQl.documentName("trafficStats");
        arguments.forEach(request::variable);
        return request.execute().path("trafficStats").entity(StatsView.class).get();
    }

    /**
     * The aircraft's minutes, every column. Only theirs: each test context re-processes what earlier ones left on the
     * shared topics (e.g. a whole capture), so other rows may still be changing in the background.
     */
    private List<Map<String, Object>> minutesOf(Set<String> aircraft) {
        return jdbc.queryForList("SELECT * FROM traffic_minute WHERE icao24 IN (" + String.join(",", Collections.nCopies(aircraft.size(), "?"))
                + ") ORDER BY minute, icao24", aircraft.toArray());
    }

    /** Refinement has re-processed the raw feed, and the projection everything on the observation topic. */
    private void awaitObservationsSettled() {
        Redelivery.awaitCaughtUp(bootstrapServers, contrail.applicationId("refinement"), Topics.OPENSKY_STATE_VECTORS, Duration.ofSeconds(120));
        Redelivery.awaitCaughtUp(bootstrapServers, projection, Topics.FLIGHT_TRACKING_OBSERVATIONS, Duration.ofSeconds(120));
    }

    /**
     * The statistics of the minutes the served window covers, computed from the observations themselves: each aircraft
     * heard in [from, to) once, with the ground state of its latest observation, its latest callsign and country, and
     * its highest speed and altitude.
     */
    private static StatsView expected(List<AircraftObservation> observations, StatsView served, int top) {
        Instant from = Instant.parse(served.from());
        Instant to = Instant.parse(served.to());
        Map<String, Heard> heard = new TreeMap<>();
        for (AircraftObservation observation : observations) {
            if (!observation.getObservedAt().isBefore(from) && observation.getObservedAt().isBefore(to)) {
                heard.computeIfAbsent(observation.getIcao24(), Heard::new).add(observation);
            }
        }
        Map<String, Integer> perCountry = new HashMap<>();
        heard.values().forEach(aircraft -> perCountry.merge(aircraft.country, 1, Integer::sum));
        List<CountryView> byCountry = perCountry.entrySet().stream()
                .map(e -> new CountryView(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(CountryView::aircraft).reversed()
                        .thenComparing(CountryView::originCountry, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<AircraftView> fastest = heard.values().stream().filter(aircraft -> aircraft.fastest != null)
                .sorted(Comparator.comparing((Heard aircraft) -> aircraft.fastest).reversed().thenComparing(aircraft -> aircraft.icao24))
                .limit(top).map(Heard::view).toList();
        List<AircraftView> highest = heard.values().stream().filter(aircraft -> aircraft.highest != null)
                .sorted(Comparator.comparing((Heard aircraft) -> aircraft.highest).reversed().thenComparing(aircraft -> aircraft.icao24))
                .limit(top).map(Heard::view).toList();
        int onGround = (int) heard.values().stream().filter(aircraft -> aircraft.onGround).count();
        return new StatsView(served.window(), served.from(), served.to(), heard.size(), heard.size() - onGround, onGround,
                byCountry, fastest, highest);
    }

    /** One aircraft over the window, folded observation by observation. */
    private static final class Heard {
        final String icao24;
        Instant lastSeen;
        boolean onGround;
        String callsign;
        Instant callsignAt;
        String country;
        Instant countryAt;
        Double fastest;
        Double highest;

        Heard(String icao24) {
            this.icao24 = icao24;
        }

        void add(AircraftObservation observation) {
            Instant at = observation.getObservedAt();
            if (lastSeen == null || at.isAfter(lastSeen)) {
                lastSeen = at;
                onGround = observation.getOnGround();
            }
            if (observation.getCallsign() != null && (callsignAt == null || at.isAfter(callsignAt))) {
                callsign = observation.getCallsign();
                callsignAt = at;
            }
            if (observation.getOriginCountry() != null && (countryAt == null || at.isAfter(countryAt))) {
                country = observation.getOriginCountry();
                countryAt = at;
            }
            if (observation.getGroundSpeedMps() != null && (fastest == null || observation.getGroundSpeedMps() > fastest)) {
                fastest = observation.getGroundSpeedMps();
            }
            if (observation.getBarometricAltitudeM() != null && (highest == null || observation.getBarometricAltitudeM() > highest)) {
                highest = observation.getBarometricAltitudeM();
            }
        }

        AircraftView view() {
            return new AircraftView(icao24, callsign, country, onGround, fastest, highest, lastSeen.toString());
        }
    }

    /** TrafficStats as the client reads it. */
    record StatsView(String window, String from, String to, int aircraft, int airborne, int onGround,
                     List<CountryView> byOriginCountry, List<AircraftView> fastest, List<AircraftView> highest) {
    }

    /** TrafficCountry as the client reads it. */
    record CountryView(String originCountry, int aircraft) {
    }

    /** TrafficAircraft as the client reads it. */
    record AircraftView(String icao24, String callsign, String originCountry, boolean onGround, Double groundSpeedMps,
                        Double barometricAltitudeM, String lastSeen) {
    }
}
