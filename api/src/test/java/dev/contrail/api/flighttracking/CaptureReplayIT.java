package dev.contrail.api.flighttracking;

import static dev.contrail.api.support.TopicReader.deadLetterOf;
import static dev.contrail.api.support.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.api.support.TopicReader;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the run command does: the bundled OpenSky capture replayed as fast as possible serves every aircraft it
 * contains through GraphQL; a capture file that is not a snapshot is dead-lettered and the replay carries on.
 */
@TestPropertySource(properties = {
    "contrail.capture.enabled=true",
    "contrail.capture.speed=0",
    "contrail.capture.loop=false",
    "contrail.capture.location=classpath*:captures/opensky/iad-2023-03-14/*.json,classpath*:it-capture/*.json"})
class CaptureReplayIT extends ContrailIntegrationTest {

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Test
    void everyAircraftWithAPositionInTheBundledCaptureIsServedByGraphQl() throws IOException {
        Set<String> expected = aircraftWithAPositionIn("classpath*:captures/opensky/iad-2023-03-14/*.json");
        assertThat(expected).hasSizeGreaterThan(20);
        var graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).build());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var served = graphQl.documentName("flights").variable("first", 1000).execute()
                    .path("flights.edges[*].node.icao24").entityList(String.class).get();
            assertThat(new TreeSet<>(served)).containsAll(expected);
        });
    }

    @Test
    void aCaptureFileThatIsNotASnapshotIsDeadLetteredWithItsBytes() throws IOException {
        byte[] truncated;
        try (InputStream in = new ClassPathResource("it-capture/truncated-response.json").getInputStream()) {
            truncated = in.readAllBytes();
        }

        var deadLetter = TopicReader.find(bootstrapServers, Topics.DEAD_LETTERS, deadLetterOf(truncated), Duration.ofSeconds(60))
                .orElseThrow();

        assertThat(header(deadLetter, DeadLetterHeaders.STAGE)).isEqualTo("capture");
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE)).isEqualTo("capture:truncated-response.json");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).startsWith("malformed snapshot: not JSON");
    }

    /** Computed from the raw files with a plain JSON reader, independently of Contrail's parser and refinement. */
    private static Set<String> aircraftWithAPositionIn(String pattern) throws IOException {
        var json = new ObjectMapper();
        Set<String> icao24s = new HashSet<>();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
            JsonNode states = json.readTree(file.getInputStream()).get("states");
            if (states == null || states.isNull()) {
                continue;
            }
            for (JsonNode state : states) {
                if (state.get(4).isNumber() && state.get(5).isNumber() && state.get(6).isNumber()) {
                    icao24s.add(state.get(0).asText());
                }
            }
        }
        return icao24s;
    }
}
