package dev.contrail.infrastructure.flighttracking.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.infrastructure.flighttracking.live.FakeOpenSky.Received;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** How the feed is switched on and configured; the fake OpenSky keeps every test off the network. */
class OpenSkyLiveConfigurationTest {

    private final FakeOpenSky opensky = new FakeOpenSky();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(OpenSkyLiveConfiguration.class, IngestDoubles.class);

    @AfterEach
    void stopFake() {
        opensky.close();
    }

    @Test
    void offByDefault() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean(OpenSkyLiveFeed.class);
            assertThat(app).doesNotHaveBean(OpenSkyLiveProperties.class);
        });
    }

    @Test
    void whenEnabledItPollsTheConfiguredBoxWithTheConfiguredCredentials() {
        context.withPropertyValues(
                "contrail.opensky.live.enabled=true",
                "contrail.opensky.live.base-url=" + opensky.baseUrl(),
                "contrail.opensky.live.token-uri=" + opensky.tokenUri(),
                "contrail.opensky.live.client-id=" + FakeOpenSky.CLIENT_ID,
                "contrail.opensky.live.client-secret=" + FakeOpenSky.CLIENT_SECRET,
                "contrail.opensky.live.bounding-box.lamin=38.8686",
                "contrail.opensky.live.bounding-box.lomin=-77.5707",
                "contrail.opensky.live.bounding-box.lamax=39.0352",
                "contrail.opensky.live.bounding-box.lomax=-77.1965")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    OpenSkyLiveFeed feed = app.getBean(OpenSkyLiveFeed.class);
                    assertThat(feed.isRunning()).isTrue();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !opensky.statesRequests().isEmpty());
                    Received request = opensky.statesRequests().get(0);
                    assertThat(request.query()).contains("lamin=38.8686&lomin=-77.5707&lamax=39.0352&lomax=-77.1965");
                    assertThat(request.authorization()).isEqualTo("Bearer token-1");
                    assertThat(app.getBean(MeterRegistry.class).find(OpenSkyLiveFeed.REQUESTS_METRIC).counters()).isNotEmpty();
                });
    }

    @Test
    void aBlankClientIdMeansAnonymous() {
        context.withPropertyValues(
                "contrail.opensky.live.enabled=true",
                "contrail.opensky.live.base-url=" + opensky.baseUrl(),
                "contrail.opensky.live.client-id=",
                "contrail.opensky.live.client-secret=")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !opensky.statesRequests().isEmpty());
                    assertThat(opensky.statesRequests().get(0).authorization()).isNull();
                    assertThat(opensky.tokenRequests()).isEmpty();
                });
    }

    @Test
    void aClientIdWithoutASecretStopsTheStart() {
        context.withPropertyValues(
                "contrail.opensky.live.enabled=true",
                "contrail.opensky.live.base-url=" + opensky.baseUrl(),
                "contrail.opensky.live.client-id=someone")
                .run(app -> assertThat(app).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("contrail.opensky.live.client-secret must be set"));
    }

    @Test
    void anIncompleteBoundingBoxStopsTheStart() {
        context.withPropertyValues(
                "contrail.opensky.live.enabled=true",
                "contrail.opensky.live.base-url=" + opensky.baseUrl(),
                "contrail.opensky.live.bounding-box.lamin=38.8686")
                .run(app -> assertThat(app).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("needs all of lamin, lomin, lamax and lomax"));
    }

    @Test
    void defaultsAreOpenSkysRealEndpointsTheWholeWorldAndTheStandardAllowance() {
        OpenSkyLiveProperties defaults = bind(Map.of());

        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.baseUrl()).isEqualTo("https://opensky-network.org/api");
        assertThat(defaults.tokenUri())
                .isEqualTo("https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token");
        assertThat(defaults.clientId()).isNull();
        assertThat(defaults.authenticated()).isFalse();
        assertThat(defaults.boundingBox()).isNull();
        assertThat(defaults.dailyCredits()).isNull();
        assertThat(defaults.dailyCreditBudget()).isEqualTo(400);
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bind(Map.of("client-id", "id", "client-secret", "secret")).dailyCreditBudget()).isEqualTo(4000);
        assertThat(bind(Map.of("client-id", "id", "client-secret", "secret", "daily-credits", "8000")).dailyCreditBudget())
                .isEqualTo(8000);
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertThat(bind(Map.of("client-id", "id", "client-secret", "hunter2")).toString())
                .contains("clientId=id").doesNotContain("hunter2");
    }

    private static OpenSkyLiveProperties bind(Map<String, String> properties) {
        var prefixed = new java.util.HashMap<String, String>();
        properties.forEach((name, value) -> prefixed.put("contrail.opensky.live." + name, value));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("contrail.opensky.live", OpenSkyLiveProperties.class);
    }

    /** What IngestConfiguration and DeadLetterConfiguration provide in the application, with Kafka mocked. */
    @Configuration(proxyBeanMethods = false)
    static class IngestDoubles {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        KafkaTemplate<String, OpenSkyStateVector> rawStateVectors() {
            return new KafkaTemplate<>(new MockProducerFactory<>(() -> new OpenSkyLiveFeedTest.KeptOpenProducer<>(new StringSerializer(),
                    AvroSerde.of(OpenSkyStateVector.class).serializer())));
        }

        @Bean
        DeadLetterPublisher deadLetterPublisher(MeterRegistry meters) {
            return new DeadLetterPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> new OpenSkyLiveFeedTest.KeptOpenProducer<>(
                    new StringSerializer(), new ByteArraySerializer()))), meters);
        }
    }
}
