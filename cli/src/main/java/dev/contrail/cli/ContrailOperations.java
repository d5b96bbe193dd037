package dev.contrail.cli;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;

/**
 * Contrail's operations API (GraphQL schema {@code projections.graphqls}) as the command line uses it: queries and
 * mutations over HTTP with Basic credentials, replay progress as a subscription over the WebSocket.
 */
class ContrailOperations {

    private final String url;
    private final HttpSyncGraphQlClient http;
    private final String user;
    private final String password;

    ContrailOperations(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.http = HttpSyncGraphQlClient.builder(RestClient.builder().baseUrl(url).defaultHeaders(headers -> {
            if (password != null && !password.isBlank()) {
                headers.setBasicAuth(user, password);
            }
        }).build()).build();
    }

    List<Map<String, Object>> projections() {
        ClientGraphQlResponse response = http.document("""
                { projections { name state reason
                    serving { generation lag } rebuilding { generation lag }
                    lastReplay { generation state eventsDone eventsTotal reason } } }""").executeSync();
        return ContrailCli.map(data(response)).get("projections") instanceof List<?> list ? cast(list) : List.of();
    }

    int replay(String projection) {
        return (int) ContrailCli.number(field(http.document("mutation($name: String!) { replayProjection(name: $name) { generation } }")
                .variable("name", projection).executeSync(), "replayProjection").get("generation"));
    }

    Map<String, Object> cancel(String projection) {
        return field(http.document("mutation($name: String!) { cancelReplay(name: $name) { generation state } }")
                .variable("name", projection).executeSync(), "cancelReplay");
    }

    Map<String, Object> republish() {
        return field(http.document("mutation { republishEvents { processor events published } }").executeSync(), "republishEvents");
    }

    Map<String, Object> deadLetters(String stage, String topic, int first, String after) {
        return field(http.document("""
                        query($stage: String, $topic: String, $first: Int, $after: String) {
                          deadLetters(stage: $stage, topic: $topic, first: $first, after: $after) {
                            total pending endCursor hasNextPage counts { stage topic total pending }
                            letters { cursor at stage topic sourcePartition sourceOffset source reason pending } } }""")
                .variable("stage", stage).variable("topic", topic).variable("first", first).variable("after", after)
                .executeSync(), "deadLetters");
    }

    Map<String, Object> redrive(String stage, String topic, int max) {
        return field(http.document("""
                        mutation($stage: String, $topic: String, $max: Int) {
                          redriveDeadLetters(stage: $stage, topic: $topic, max: $max) {
                            redriven skipped pending skippedLetters { cursor stage source reason } } }""")
                .variable("stage", stage).variable("topic", topic).variable("max", max)
                .executeSync(), "redriveDeadLetters");
    }

    /** The rebuild's progress reports until it takes over, fails or is cancelled. */
    Flux<Map<String, Object>> progress(String projection) {
        String webSocket = UriComponentsBuilder.fromUriString(url).scheme(url.startsWith("https") ? "wss" : "ws").toUriString();
        WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(webSocket, new StandardWebSocketClient())
                .headers(headers -> {
                    if (password != null && !password.isBlank()) {
                        headers.setBasicAuth(user, password);
                    }
                })
                .build();
        return client.document("""
                        subscription($name: String!) { replayProgress(projection: $name) {
                            generation state eventsDone eventsTotal eventsPerSecond etaSeconds reason } }""")
                .variable("name", projection)
                .retrieveSubscription("replayProgress").toEntity(Map.class)
                .map(ContrailCli::map)
                .doFinally(signal -> client.stop().subscribe());
    }

    private static Map<String, Object> field(ClientGraphQlResponse response, String name) {
        return ContrailCli.map(ContrailCli.map(data(response)).get(name));
    }

    private static Object data(ClientGraphQlResponse response) {
        if (!response.getErrors().isEmpty()) {
            throw new IllegalStateException(response.getErrors().get(0).getMessage()
                    + " [" + response.getErrors().get(0).getErrorType() + "]");
        }
        return response.getData();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cast(List<?> list) {
        return (List<Map<String, Object>>) list;
    }
}
