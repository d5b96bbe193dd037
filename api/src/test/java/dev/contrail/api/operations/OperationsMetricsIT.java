package dev.contrail.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.TopicReader;
import dev.contrail.deployment.GrafanaDashboard;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.projections.streams.StreamsApps;
import dev.contrail.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * What an operator reads (ADR 0035): with {@code logging.structured.format.console=ecs} the log is JSON, a line an
 * event; Axon's own meters for the event store → Kafka hop at {@code /actuator/prometheus},
 * moving once events were published, and the Grafana dashboard in {@code ops/grafana} asking only for metrics that a
 * running Contrail really exposes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"contrail.admin.username=operator", "contrail.admin.password=" + OperationsMetricsIT.PASSWORD,
    "logging.structured.format.console=ecs"})
class OperationsMetricsIT extends ContrailIntegrationTest {

    static final String PASSWORD = "operator-secret";
    static final String PUBLISHING = "processorName=\"__axon-kafka-event-publishing-group\"";

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private StreamsApps apps;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private ApplicationContext context;

    private RestClient operator;

    @BeforeEach
    void client() {
        operator = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("operator", PASSWORD))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    @Order(0)
    void theLogIsJsonLinesWhenStructuredLoggingIsOn(CapturedOutput output) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : output.getOut().lines().toList()) {
            // Boot's human-readable console pattern starts with the date: none of those once the switch is on.
            assertThat(line).doesNotMatch("^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) .*");
            if (line.startsWith("{")) {
                events.add(json.readTree(line));
            }
        }
        assertThat(events).as("JSON log events").isNotEmpty();
        assertThat(events).allSatisfy(event -> {
            assertThat(Instant.parse(event.path("@timestamp").asText())).isBefore(Instant.now());
            assertThat(event.path("log").path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("log").path("logger").asText()).isNotBlank();
            assertThat(event.path("service").path("name").asText()).isEqualTo("contrail");
            assertThat(event.path("ecs").path("version").asText()).isNotBlank();
        });
        JsonNode started = events.stream().filter(event -> event.path("message").asText().startsWith("Started OperationsMetricsIT"))
                .findFirst().orElseThrow(() -> new AssertionError("no start-up event in the log"));
        assertThat(started.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(started.path("process").path("thread").path("name").asText()).isEqualTo("main");
        assertThat(events).as("Contrail's own events").anySatisfy(event ->
                assertThat(event.path("log").path("logger").asText()).startsWith("dev.contrail.projections."));
    }

    @Test
    @Order(1)
    void axonsMetersGoToTheRegistryPrometheusScrapes() {
        // Axon's auto-configuration would add a SimpleMeterRegistry of its own when it runs before Boot's registries.
        Map<String, MeterRegistry> registries = context.getBeansOfType(MeterRegistry.class);
        assertThat(registries.values()).as("meter registries: %s", registries.keySet())
                .noneMatch(registry -> registry.getClass().getSimpleName().equals("SimpleMeterRegistry"));
    }

    @Test
    @Order(2)
    void thePublishingProcessorReportsItsLatencyOncePublished() throws Exception {
        String before = scrape();
        double publishedBefore = sample(before, "eventProcessor_ingestedCounter_total").orElse(0.0);

        String icao24 = Aircraft.uniqueIcao24();
        commands.sendAndWait(new RecordObservation(new Observation(Icao24.of(icao24), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "UAL1744", "United States", new Position(38.9445, -77.4558, 95.0, 120.0), true, 0.0, 12.5, 0.0, "1200")));
        assertThat(TopicReader.find(bootstrapServers, Topics.FLIGHT_TRACKING_EVENTS, record -> icao24.equals(record.key()),
                Duration.ofSeconds(60))).as("the event on its topic").isPresent();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String after = scrape();
            Files.writeString(Path.of("target", "operations-metrics-scrape.txt"), after);
            assertThat(sample(after, "eventProcessor_ingestedCounter_total")).as("events the publishing processor handled")
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThan(publishedBefore));
            assertThat(sample(after, "eventProcessor_latency")).as("the publishing processor's latency")
                    .hasValueSatisfying(latency -> assertThat(latency).isPositive());
        });
    }

    @Test
    @Order(3)
    void everyStreamsApplicationsClientMetersAreExposedTaggedByItsConsumerGroup() {
        // Before the applications' meters had one set of tag keys, Prometheus dropped those of refinement and the intakes.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String scrape = scrape();
            for (String application : new String[] {"refinement", "flight-tracking-intake", "airspace-presence", "airport-intake",
                    "projection-live-flights-g1"}) {
                String applicationId = apps.applicationId(application);
                for (String metric : new String[] {"kafka_stream_alive_stream_threads", "kafka_consumer_coordinator_assigned_partitions"}) {
                    assertThat(scrape).as(metric + " of " + application).containsPattern("(?m)^" + metric + "\\{[^}]*client_id=\""
                            + Pattern.quote(applicationId + "-"));
                    assertThat(scrape).as(metric + " of " + application).containsPattern("(?m)^" + metric + "\\{[^}]*application=\""
                            + Pattern.quote(applicationId) + "\"");
                }
            }
        });
    }

    @Test
    @Order(4)
    void theDashboardAsksOnlyForMetricsContrailExposes() throws Exception {
        Set<String> exposed = metricNames(scrape());
        Set<String> asked = GrafanaDashboard.load().metricNames();

        assertThat(asked).as("metrics the dashboard's queries use").isNotEmpty();
        assertThat(exposed).as("metrics /actuator/prometheus exposes").containsAll(asked);
    }

    private String scrape() {
        return operator.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    /** The sum of a metric's samples of the publishing processor, if it has any. */
    private static Optional<Double> sample(String scrape, String metric) {
        Matcher line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (line.find()) {
            if (line.group(1).contains(PUBLISHING)) {
                sum += Double.parseDouble(line.group(2));
                found = true;
            }
        }
        return found ? Optional.of(sum) : Optional.empty();
    }

    private static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
