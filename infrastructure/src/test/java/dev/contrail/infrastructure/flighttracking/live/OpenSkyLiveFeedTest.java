package dev.contrail.infrastructure.flighttracking.live;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser;
import dev.contrail.infrastructure.flighttracking.live.FakeOpenSky.Received;
import dev.contrail.infrastructure.flighttracking.live.OpenSkyLiveProperties.BoundingBox;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * The live feed against a fake OpenSky on 127.0.0.1 that replays real {@code /states/all} responses. Kafka is a
 * {@link MockProducer}: what these tests are about is what the feed asks, what it hands over, and when it asks again.
 * {@link OpenSkyLiveFeed#poll()} is called directly and returns the delay before the next poll, so nothing sleeps.
 */
class OpenSkyLiveFeedTest {

    /** The box the bundled Dulles capture was recorded over: about 0.06 square degrees, 1 credit a request. */
    static final BoundingBox DULLES = new BoundingBox(38.8686, -77.5707, 39.0352, -77.1965);
    /** So many credits that the budget never slows the feed down: the interval is the 5 s resolution. */
    private static final int UNLIMITED = 10_000_000;
    private static final Duration RESOLUTION = PollingPolicy.AUTHENTICATED_RESOLUTION;

    private final FakeOpenSky opensky = new FakeOpenSky();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Starts at the real time: the token response converter stamps a token's expiry from the system clock. */
    private final TestClock clock = new TestClock(Instant.now());
    private final MockProducer<String, OpenSkyStateVector> rawTopic =
            new KeptOpenProducer<>(new StringSerializer(), AvroSerde.of(OpenSkyStateVector.class).serializer());
    private final MockProducer<String, byte[]> deadLetterTopic =
            new KeptOpenProducer<>(new StringSerializer(), new ByteArraySerializer());
    private OpenSkyLiveFeed feed;

    @AfterEach
    void tearDown() {
        if (feed != null) {
            feed.stop();
        }
        opensky.close();
    }

    @Test
    void anAnonymousPollAsksForTheConfiguredBoxWithoutAnyAuthorization() {
        opensky.answerWithCapture("data-001.json");
        feed = feed(anonymous());

        feed.poll();

        assertThat(opensky.statesRequests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/api/states/all");
            assertThat(request.query()).contains("lamin=38.8686&lomin=-77.5707&lamax=39.0352&lomax=-77.1965");
            assertThat(request.authorization()).isNull();
            assertThat(request.acceptEncoding()).contains("gzip"); // a global snapshot is megabytes of JSON
        });
        assertThat(opensky.tokenRequests()).isEmpty();
        assertThat(rawTopic.history()).hasSize(12); // the gzip-compressed answer was inflated before parsing
    }

    @Test
    void withoutABoundingBoxItAsksForTheWholeWorld() {
        opensky.answerWithCapture("data-001.json");
        feed = feed(new OpenSkyLiveProperties(true, opensky.baseUrl(), opensky.tokenUri(), null, null, null, null,
                Duration.ofMinutes(5), Duration.ofSeconds(5)));

        feed.poll();

        assertThat(opensky.statesRequests()).singleElement()
                .satisfies(request -> assertThat(request.query()).doesNotContain("lamin", "lomin", "lamax", "lomax"));
    }

    @Test
    void aSnapshotIsPublishedToTheRawTopicKeyedByIcao24ExactlyAsParsed() {
        byte[] body = FakeOpenSky.capture("data-001.json");
        opensky.answer(FakeOpenSky.Answer.ok(body));
        feed = feed(anonymous());

        Duration next = feed.poll();

        List<OpenSkyStateVector> expected = new OpenSkyStatesParser().parse(body, OpenSkyLiveFeed.SOURCE).stateVectors();
        assertThat(expected).hasSize(12);
        assertThat(rawTopic.history()).extracting(ProducerRecord::topic).containsOnly(Topics.OPENSKY_STATE_VECTORS);
        assertThat(rawTopic.history()).extracting(ProducerRecord::value).containsExactlyElementsOf(expected);
        assertThat(rawTopic.history()).allSatisfy(record -> assertThat(record.key()).isEqualTo(record.value().getIcao24()));
        assertThat(rawTopic.history()).extracting(ProducerRecord::key)
                .containsExactly("a65527", "a34d98", "a55a0c", "abf530", "a2cf43", "ae08fb", "a448d7", "a422f7", "a7dec2",
                        "a2a7c4", "a445ee", "ac3077");
        assertThat(rawTopic.history().get(0).value().getSource()).isEqualTo("live:opensky");
        assertThat(rawTopic.history().get(0).value().getSnapshotTime()).isEqualTo(1678803647L);
        assertThat(deadLetterTopic.history()).isEmpty();
        assertThat(counter(OpenSkyLiveFeed.STATE_VECTORS_METRIC)).isEqualTo(12);
        assertThat(requests("success")).isEqualTo(1);
        // Anonymous, 1 credit a request, 400 credits a day: one poll every 86 400 s / 400 = 216 s.
        assertThat(next).isEqualTo(Duration.ofSeconds(216));
    }

    @Test
    void anEmptyAirspaceIsASuccessWithNothingToPublish() {
        opensky.answer(200, Map.of(), "{\"time\":1678803647,\"states\":null}");
        feed = feed(anonymous());

        feed.poll();

        assertThat(rawTopic.history()).isEmpty();
        assertThat(requests("success")).isEqualTo(1);
    }

    @Test
    void withClientCredentialsEveryPollCarriesTheSameBearerTokenFetchedOnce() {
        opensky.answerWithCapture("data-001.json").answerWithCapture("data-002.json").answerWithCapture("data-003.json");
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));

        feed.poll();
        clock.advance(Duration.ofSeconds(5));
        feed.poll();
        clock.advance(Duration.ofSeconds(5));
        feed.poll();

        assertThat(opensky.statesRequests()).extracting(Received::authorization).containsExactly(
                "Bearer token-1", "Bearer token-1", "Bearer token-1");
        assertThat(opensky.tokenRequests()).singleElement().satisfies(token -> {
            assertThat(token.method()).isEqualTo("POST");
            assertThat(token.path()).isEqualTo("/auth/token");
            assertThat(token.body()).contains("grant_type=client_credentials", "client_id=" + FakeOpenSky.CLIENT_ID,
                    "client_secret=" + FakeOpenSky.CLIENT_SECRET);
        });
        assertThat(counter(OpenSkyLiveFeed.STATE_VECTORS_METRIC)).isEqualTo(12 + 11 + 11);
    }

    @Test
    void aTokenIsRenewedOnlyOnceItIsAboutToExpire() {
        opensky.answerWithCapture("data-001.json").answerWithCapture("data-002.json").answerWithCapture("data-003.json");
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));

        feed.poll();
        clock.advance(Duration.ofMinutes(20));
        feed.poll();
        clock.advance(Duration.ofMinutes(10)); // 30 min: OpenSky's token lifetime is over
        feed.poll();

        assertThat(opensky.statesRequests()).extracting(Received::authorization).containsExactly(
                "Bearer token-1", "Bearer token-1", "Bearer token-2");
        assertThat(opensky.tokenRequests()).hasSize(2);
    }

    @Test
    void aTokenOpenSkyRefusesIsDroppedAndTheNextPollFetchesANewOne() {
        opensky.answer(401, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""), "")
                .answerWithCapture("data-001.json");
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));

        Duration afterRefusal = feed.poll();
        feed.poll();

        assertThat(requests("unauthorized")).isEqualTo(1);
        assertThat(afterRefusal).isGreaterThan(RESOLUTION);
        assertThat(opensky.statesRequests()).extracting(Received::authorization).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(requests("success")).isEqualTo(1);
    }

    @Test
    void whenTheTokenEndpointRefusesTheCredentialsNoStatesAreRequestedAndTheFeedBacksOff() {
        opensky.refuseTokens();
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));

        Duration first = feed.poll();
        Duration second = feed.poll();

        assertThat(opensky.statesRequests()).isEmpty();
        assertThat(requests("token_error")).isEqualTo(2);
        assertThat(first).isEqualTo(RESOLUTION.multipliedBy(2));
        assertThat(second).isEqualTo(RESOLUTION.multipliedBy(4));
    }

    @Test
    void aRateLimitedPollWaitsAsLongAsOpenSkySays() {
        opensky.answer(429, Map.of(OpenSkyLiveFeed.RETRY_AFTER_SECONDS_HEADER, "7"), "Too many requests")
                .answerWithCapture("data-001.json");
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));

        Duration afterRefusal = feed.poll();
        Duration afterSuccess = feed.poll();

        assertThat(afterRefusal).isGreaterThanOrEqualTo(Duration.ofSeconds(7)).isEqualTo(Duration.ofSeconds(7));
        assertThat(afterSuccess).isEqualTo(RESOLUTION);
        assertThat(requests("rate_limited")).isEqualTo(1);
        assertThat(gauge(OpenSkyLiveFeed.REMAINING_CREDITS_METRIC)).isZero();
    }

    @Test
    void aRateLimitLongerThanTheBackoffCapIsStillHonoured() {
        opensky.answer(429, Map.of(OpenSkyLiveFeed.RETRY_AFTER_SECONDS_HEADER, "41234"), "");
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));

        assertThat(feed.poll()).isEqualTo(Duration.ofSeconds(41234));
    }

    @Test
    void serverErrorsBackOffExponentiallyUpToTheCapThenASuccessRestoresTheInterval() {
        for (int i = 0; i < 5; i++) {
            opensky.answer(503, Map.of("Content-Type", "text/html"), "<html><body><h1>503 Service Unavailable</h1></body></html>");
        }
        opensky.answerWithCapture("data-001.json").answerWithCapture("data-002.json");
        feed = feed(authenticated(UNLIMITED, Duration.ofSeconds(60)));

        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(feed.poll());
        }

        assertThat(delays).containsExactly(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60),
                RESOLUTION, RESOLUTION);
        assertThat(requests("server_error")).isEqualTo(5);
        assertThat(requests("success")).isEqualTo(2);
        assertThat(gauge(OpenSkyLiveFeed.NEXT_POLL_METRIC)).isNaN(); // only the scheduler reports the next delay
    }

    @Test
    void networkErrorsBackOffLikeServerErrors() {
        feed = feed(authenticated(UNLIMITED, Duration.ofSeconds(60)));
        feed.poll(); // a token, then a 500: "no scripted answer left"
        opensky.close(); // nobody listens on the port any more: connection refused

        Duration afterRefusedConnection = feed.poll();

        assertThat(requests("server_error")).isEqualTo(1);
        assertThat(requests("io_error")).isEqualTo(1);
        assertThat(afterRefusedConnection).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aBodyThatIsNotASnapshotIsDeadLetteredWithItsBytes() {
        byte[] maintenancePage = "<html><body>OpenSky is down for maintenance</body></html>".getBytes(UTF_8);
        opensky.answer(new FakeOpenSky.Answer(200, Map.of("Content-Type", "text/html"), maintenancePage));
        feed = feed(anonymous());

        Duration next = feed.poll();

        assertThat(rawTopic.history()).isEmpty();
        assertThat(deadLetterTopic.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.DEAD_LETTERS);
            assertThat(letter.key()).isEqualTo("live:opensky");
            assertThat(letter.value()).isEqualTo(maintenancePage);
            assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("live");
            assertThat(header(letter, DeadLetterHeaders.SOURCE)).isEqualTo("live:opensky");
            assertThat(header(letter, DeadLetterHeaders.REASON)).startsWith("malformed snapshot: not JSON");
        });
        assertThat(requests("malformed")).isEqualTo(1);
        assertThat(meters.get(DeadLetterPublisher.METRIC).tag("stage", "live").counter().count()).isEqualTo(1);
        assertThat(next).isEqualTo(Duration.ofMinutes(5)); // 2 × the 216 s interval, capped at max-backoff
    }

    @Test
    void rowsThatAreNotStateVectorsAreDeadLetteredAndTheRestPublished() {
        String nks2003 = "[\"a65527\",\"NKS2003 \",\"United States\",1678803647,1678803647,-77.3974,38.8778,7010.4,false,187.84,"
                + "208.46,0,null,6659.88,\"0260\",false,0]";
        opensky.answer(200, Map.of(), "{\"time\":1678803647,\"states\":[" + nks2003 + ",[\"a34d98\",\"JBU1097 \"]]}");
        feed = feed(anonymous());

        feed.poll();

        assertThat(rawTopic.history()).extracting(ProducerRecord::key).containsExactly("a65527");
        assertThat(deadLetterTopic.history()).singleElement().satisfies(letter -> {
            assertThat(new String(letter.value(), UTF_8)).isEqualTo("[\"a34d98\",\"JBU1097 \"]");
            assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("live");
            assertThat(header(letter, DeadLetterHeaders.REASON)).startsWith("state 1:");
        });
        assertThat(requests("success")).isEqualTo(1);
    }

    @Test
    void theRemainingCreditsGaugeFollowsWhatOpenSkyReports() {
        opensky.answer(200, Map.of(OpenSkyLiveFeed.REMAINING_CREDITS_HEADER, "3996"), "{\"time\":1678803647,\"states\":null}")
                .answer(200, Map.of(), "{\"time\":1678803652,\"states\":null}");
        feed = feed(authenticated(UNLIMITED, Duration.ofMinutes(5)));
        assertThat(gauge(OpenSkyLiveFeed.REMAINING_CREDITS_METRIC)).isNaN();

        feed.poll();
        assertThat(gauge(OpenSkyLiveFeed.REMAINING_CREDITS_METRIC)).isEqualTo(3996);

        feed.poll(); // no header this time: the last known count stands
        assertThat(gauge(OpenSkyLiveFeed.REMAINING_CREDITS_METRIC)).isEqualTo(3996);
    }

    @Test
    void everyOutcomeIsCountedFromTheStart() {
        feed = feed(anonymous());

        assertThat(meters.get(OpenSkyLiveFeed.REQUESTS_METRIC).counters()).extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("success", "malformed", "rate_limited", "unauthorized", "client_error", "server_error",
                        "io_error", "token_error", "publish_error", "error");
    }

    @Test
    void startedItPollsOnItsOwnThreadAndStopsCleanly() {
        opensky.answerWithCapture("data-001.json");
        feed = feed(anonymous());

        feed.start();

        assertThat(feed.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> rawTopic.history().size() == 12);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge(OpenSkyLiveFeed.NEXT_POLL_METRIC) == 216.0);
        feed.stop();
        assertThat(feed.isRunning()).isFalse();
        assertThat(opensky.statesRequests()).hasSize(1); // the next poll was 216 s away
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("opensky-live") && thread.isAlive());
    }

    @Test
    void stoppingInterruptsAPollThatHangs() throws Exception {
        // A socket that accepts the connection but never answers: without the interrupt, stop() would wait for the timeout.
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(10_000); // fail rather than hang if the feed never connects
            feed = feed(new OpenSkyLiveProperties(true, "http://127.0.0.1:" + silent.getLocalPort() + "/api", opensky.tokenUri(),
                    null, null, DULLES, null, Duration.ofMinutes(5), Duration.ofMinutes(1)));
            feed.start();
            try (var accepted = silent.accept()) {
                long started = System.nanoTime();
                feed.stop();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        }
        assertThat(requests("io_error")).isZero();
    }

    private OpenSkyLiveProperties anonymous() {
        return new OpenSkyLiveProperties(true, opensky.baseUrl(), opensky.tokenUri(), null, null, DULLES, null,
                Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    private OpenSkyLiveProperties authenticated(int dailyCredits, Duration maxBackoff) {
        return new OpenSkyLiveProperties(true, opensky.baseUrl(), opensky.tokenUri(), FakeOpenSky.CLIENT_ID,
                FakeOpenSky.CLIENT_SECRET, DULLES, dailyCredits, maxBackoff, Duration.ofSeconds(5));
    }

    private OpenSkyLiveFeed feed(OpenSkyLiveProperties properties) {
        var raw = new KafkaTemplate<>(new MockProducerFactory<>(() -> rawTopic));
        var deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> deadLetterTopic)), meters);
        return new OpenSkyLiveFeed(properties, OpenSkyStatesClient.create(properties, clock), PollingPolicy.of(properties),
                raw, deadLetters, meters);
    }

    private double requests(String outcome) {
        return meters.get(OpenSkyLiveFeed.REQUESTS_METRIC).tag("outcome", outcome).counter().count();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    /**
     * A MockProducer that outlives KafkaTemplate's close after every send, as the application's cached producer does
     * (DefaultKafkaProducerFactory hands out a close-safe one), so that its history covers the whole test.
     */
    static final class KeptOpenProducer<K, V> extends MockProducer<K, V> {

        KeptOpenProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
            super(true, null, keySerializer, valueSerializer);
        }

        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}
