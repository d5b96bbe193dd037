package dev.contrail.benchmarks.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Contrail's operator API over plain HTTP (GraphQL {@code projections}, {@code replayProjection},
 * {@code cancelReplay}; ADR 0010), as an operator's script would call it: JSON over POST, HTTP Basic for the
 * admin-only mutations.
 */
public final class ProjectionsClient {

    static final String PROJECTIONS = """
            query { projections { name state reason
              serving { generation servingSince lag eventsProcessed streamsState }
              rebuilding { generation lag eventsProcessed streamsState }
              lastReplay { generation state eventsDone eventsTotal eventsPerSecond etaSeconds lag reason } } }""";
    static final String REPLAY = "mutation($name: String!) { replayProjection(name: $name) { generation state startedAt schema applicationId } }";
    static final String CANCEL = "mutation($name: String!) { cancelReplay(name: $name) { generation state } }";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI graphql;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ProjectionsClient(URI graphql, String user, String password) {
        this.graphql = graphql;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a rebuild; returns the new generation ({@code generation}, {@code startedAt}, ...). */
    public JsonNode replay(String projection) throws IOException, InterruptedException {
        return execute(REPLAY, Map.of("name", projection)).path("replayProjection");
    }

    public JsonNode cancel(String projection) throws IOException, InterruptedException {
        return execute(CANCEL, Map.of("name", projection)).path("cancelReplay");
    }

    /** One projection's state, as {@code projections} reports it. */
    public JsonNode projection(String name) throws IOException, InterruptedException {
        for (JsonNode projection : execute(PROJECTIONS, Map.of()).path("projections")) {
            if (name.equals(projection.path("name").asText())) {
                return projection;
            }
        }
        throw new IllegalStateException("Contrail has no projection named " + name);
    }

    /** Runs a GraphQL operation; returns its {@code data}, or fails with its errors. */
    public JsonNode execute(String document, Map<String, Object> variables) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", document);
        body.set("variables", JSON.valueToTree(variables));
        HttpRequest request = HttpRequest.newBuilder(graphql)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GraphQL answered HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (answer.path("errors").size() > 0) {
            throw new IllegalStateException("GraphQL errors: " + answer.path("errors"));
        }
        return answer.path("data");
    }
}
