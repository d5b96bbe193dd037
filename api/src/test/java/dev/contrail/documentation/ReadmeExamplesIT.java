package dev.contrail.documentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.cli.ContrailCli;
import dev.contrail.documentation.ReadmeExamples.Example;
import dev.contrail.documentation.ReadmeExamples.Kind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

/**
 * Every example of the README ({@link ReadmeExamples}: each {@code ```graphql} operation, the {@code graphql-ws} client's,
 * each {@code curl} to {@code /graphql}) executed against a running Contrail that replays the bundled capture, with
 * Dulles' airports and the bundled FIRs, and answered without an error. A failure names the example by its README line.
 *
 * <p>Queries run over HTTP as any client would, anonymously; mutations (every one of them is an operator's) with the
 * admin credentials the README gives for the demo, each once no projection is rebuilding; subscriptions over WebSocket
 * ({@code graphql-transport-ws}), asserting that nothing they answer within a few seconds of starting is an error —
 * receiving an event is not required. A curl command is run as written (its headers, credentials and body) against this
 * Contrail's port. An example marked {@code <!-- example: not run, REASON -->} is reported and not run.
 *
 * <p>It replays the bundled capture on its own broker: like every integration test class, it runs in a JVM of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "contrail.capture.enabled=true",
    "contrail.capture.speed=0",
    "contrail.capture.loop=false",
    "contrail.capture.location=classpath*:captures/opensky/iad-2023-03-14/*.json",
    "contrail.airports.import.enabled=true",
    "contrail.airports.import.airports-location=classpath:ourairports-sample/airports.csv",
    "contrail.airports.import.runways-location=classpath:ourairports-sample/runways.csv",
    "contrail.airspace.definitions.enabled=true",
    "contrail.admin.username=" + ReadmeExamplesIT.ADMIN,
    "contrail.admin.password=" + ReadmeExamplesIT.ADMIN_PASSWORD})
class ReadmeExamplesIT extends ContrailIntegrationTest {

    /** The demo's credentials, as the README's curl example gives them. */
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "contrail-demo";
    private static final Duration SUBSCRIPTION_WINDOW = Duration.ofSeconds(3);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Some data behind the examples: the capture's movements at Dulles, Washington Center, flights on the map. */
    @BeforeAll
    void contrailHasTrafficAirportsAndAirspace() {
        // Generous: on a loaded machine the airports, 1,096 FIRs and the capture take minutes to come in.
        await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            JsonNode data = query("{ departures(airport: \"KIAD\") { icao24 } airspace(id: \"KZDC\") { id } "
                    + "flights(first: 1) { edges { node { icao24 } } } }", false).path("data");
            assertThat(data.path("departures").size()).as("departures at KIAD").isPositive();
            assertThat(data.path("airspace").path("id").asText()).isEqualTo("KZDC");
            assertThat(data.path("flights").path("edges").size()).isPositive();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeExampleAnswersWithoutErrors() {
        List<Example> examples = ReadmeExamples.read().all();
        assertThat(examples).as("examples found in the README").hasSizeGreaterThan(10);
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.toString(), () -> run(example)));
    }

    private void run(Example example) throws Exception {
        if (example.notRunBecause() != null) {
            System.out.println(example.where() + " not run: " + example.notRunBecause());
            return;
        }
        switch (example.kind()) {
            case QUERY -> assertNoErrors(example, query(example.text(), example.asAdmin()));
            case MUTATION -> {
                awaitNoRebuild();
                assertNoErrors(example, query(example.text(), true));
            }
            case SUBSCRIPTION -> subscribe(example);
            case CURL -> {
                if (example.text().contains("mutation")) {
                    awaitNoRebuild();
                }
                assertNoErrors(example, curl(example));
            }
            case CLI -> {
                awaitNoRebuild();
                commandLine(example);
            }
        }
    }

    /**
     * Runs a command of the packaged command line as written — its arguments and the environment variables before it
     * (CONTRAIL_ADMIN_PASSWORD, ...) as the options they stand for — in this JVM, against this Contrail; exit code 0.
     */
    private void commandLine(Example example) {
        List<String> words = new ArrayList<>(List.of(example.text().split("\\s+")));
        List<String> args = new ArrayList<>(List.of("--url", graphQlHttpUrl()));
        while (words.get(0).matches("[A-Z_]+=\\S+")) {
            String[] variable = words.remove(0).split("=", 2);
            switch (variable[0]) {
                case "CONTRAIL_ADMIN_PASSWORD" -> args.addAll(List.of("--password", variable[1]));
                case "CONTRAIL_ADMIN_USERNAME" -> args.addAll(List.of("--user", variable[1]));
                default -> fail("The README command at %s sets %s, which this test does not know", example.where(), variable[0]);
            }
        }
        assertThat(String.join(" ", words.subList(0, 3))).isEqualTo(ReadmeExamples.CLI_JAR);
        args.addAll(words.subList(3, words.size()));
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = ContrailCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));
        System.out.println(example.where() + " " + String.join(" ", args.subList(2, args.size())) + " → exit " + exit + "\n" + out);
        if (exit != 0) {
            fail("The README command at %s ended with exit code %d: %s%s", example.where(), exit, err, out);
        }
    }

    private void assertNoErrors(Example example, JsonNode answer) {
        if (answer.has("errors") || !answer.has("data")) {
            fail("The README example at %s answered with errors: %s%n%s", example.where(), answer, example.text());
        }
    }

    /** A replay takes a while: a mutation that starts one must not meet the previous one still running. */
    private void awaitNoRebuild() {
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            JsonNode projections = query("{ projections { name rebuilding { generation } } }", false).path("data").path("projections");
            assertThat(projections.isArray()).isTrue();
            for (JsonNode projection : projections) {
                assertThat(projection.path("rebuilding").isNull()).as(projection.path("name").asText() + " rebuilding").isTrue();
            }
        });
    }

    private JsonNode query(String operation, boolean asAdmin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graphQlHttpUrl()))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", operation))));
        if (asAdmin) {
            request.header("Authorization", basic(ADMIN + ":" + ADMIN_PASSWORD));
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private JsonNode answer(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("HTTP status; body: " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void subscribe(Example example) {
        WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(graphQlWebSocketUrl(), new StandardWebSocketClient()).build();
        try {
            client.start().block(Duration.ofSeconds(120));
            List<ClientGraphQlResponse> answered = new ArrayList<>();
            try {
                client.document(example.text()).executeSubscription()
                        .take(SUBSCRIPTION_WINDOW)
                        .doOnNext(answered::add)
                        .blockLast(SUBSCRIPTION_WINDOW.plusSeconds(120));
            } catch (SubscriptionErrorException e) {
                fail("The README subscription at %s answered with errors: %s%n%s", example.where(), e.getErrors(), example.text());
            }
            for (ClientGraphQlResponse response : answered) {
                if (!response.getErrors().isEmpty()) {
                    fail("The README subscription at %s answered with errors: %s%n%s", example.where(), response.getErrors(), example.text());
                }
            }
        } finally {
            client.stop().block(Duration.ofSeconds(10));
        }
    }

    /** Runs a curl command line as written: its URL's path on this Contrail, its {@code -H}, {@code -u} and {@code -d}. */
    private JsonNode curl(Example example) throws IOException, InterruptedException {
        List<String> words = shellWords(example.text());
        assertThat(words.get(0)).isEqualTo("curl");
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(120));
        String url = null;
        String body = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s", "--silent" -> { }
                case "-H", "--header" -> {
                    String header = words.get(++i);
                    int colon = header.indexOf(':');
                    request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                }
                case "-u", "--user" -> request.header("Authorization", basic(words.get(++i)));
                case "-d", "--data" -> body = words.get(++i);
                default -> {
                    if (word.startsWith("-")) {
                        fail("The README curl example at %s uses an option this test does not know: %s", example.where(), word);
                    }
                    url = word;
                }
            }
        }
        assertThat(url).as("the URL of " + example.where()).isNotNull();
        String path = url.substring(url.indexOf('/', url.indexOf("://") < 0 ? 0 : url.indexOf("://") + 3));
        request.uri(URI.create("http://localhost:" + port + path));
        request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** Splits a command line as a POSIX shell does for single quotes, double quotes and backslashes. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word = word == null ? new StringBuilder() : word;
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                for (i++; line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\' && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    word.append(line.charAt(i));
                }
            } else if (c == '\\') {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
