package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.api.support.ContrailIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The HTTP endpoint as a stock GraphQL client sees it: GraphQL-over-HTTP media types and status codes, and
 * errors that say what is wrong without a stack trace.
 */
class GraphQlOverHttpIT extends ContrailIntegrationTest {

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private RestClient client;

    @BeforeEach
    void client() {
        client = RestClient.builder().baseUrl(graphQlHttpUrl())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    void aValidQueryAnswersWithTheGraphQlResponseMediaType() {
        ResponseEntity<String> response = post(GRAPHQL_RESPONSE, "{ flight(icao24: \"abcdef\") { icao24 } }");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(GRAPHQL_RESPONSE)).isTrue();
        assertThat(response.getBody()).isEqualTo("{\"data\":{\"flight\":null}}");
    }

    @Test
    void aTrackOfExactlyADayIsAccepted() {
        ResponseEntity<String> response = post(GRAPHQL_RESPONSE,
                "{ flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-15T15:20:00+01:00\") { truncated points { observedAt } } }");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"data\":{\"flightTrack\":{\"truncated\":false,\"points\":[]}}}");
    }

    @Test
    void aDocumentThatDoesNotParseIs400ForGraphQlResponseClients() {
        ResponseEntity<String> response = post(GRAPHQL_RESPONSE, "{ flights(first: ");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"errors\"").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aRequestErrorIs200ForLegacyJsonClients() {
        ResponseEntity<String> response = post(MediaType.APPLICATION_JSON, "{ nosuchfield }");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("nosuchfield").contains("ValidationError");
    }

    @Test
    void aBodyThatIsNotJsonIsRejectedWithAClientError() {
        ResponseEntity<String> response = client.post().contentType(MediaType.TEXT_PLAIN).body("flights")
                .retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().is4xxClientError()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "latitude of 999 | { flights(within: {south: 999, west: 0, north: 1, east: 1}) { edges { cursor } } } | within | south must be within [-90, 90], was 999.0",
        "south of north  | { flights(within: {south: 10, west: 0, north: 1, east: 1}) { edges { cursor } } } | within | must not be north of north",
        "page size of -5 | { flights(first: -5) { edges { cursor } } } | first | must be within [1, 1000], was -5",
        "huge page size  | { flights(first: 100000) { edges { cursor } } } | first | must be within [1, 1000], was 100000",
        "forged cursor   | { flights(after: \"not-a-cursor\") { edges { cursor } } } | after | is not a cursor returned by this API",
        "bad icao24      | { flight(icao24: \"xyz\") { icao24 } } | icao24 | must be 6 hexadecimal digits",
        "min above max altitude   | { flights(minAltitude: 3000, maxAltitude: 1000) { edges { cursor } } } | minAltitude | must not be above maxAltitude (1000.0), was 3000.0",
        "wildcard in callsign     | { flights(callsignPrefix: \"N%\") { edges { cursor } } } | callsignPrefix | must be 1 to 8 letters or digits",
        "too long a callsign      | { flights(callsignPrefix: \"ABCDEFGHI\") { edges { cursor } } } | callsignPrefix | must be 1 to 8 letters or digits",
        "blank origin country     | { flights(originCountry: \" \") { edges { cursor } } } | originCountry | must be a country name of 1 to 64 characters",
        "track of a bad icao24    | { flightTrack(icao24: \"xyz\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-14T14:40:00Z\") { truncated } } | icao24 | must be 6 hexadecimal digits",
        "track from no instant    | { flightTrack(icao24: \"abcdef\", from: \"yesterday\", to: \"2023-03-14T14:40:00Z\") { truncated } } | from | must be an ISO-8601 instant with an offset, e.g. 2023-03-14T14:20:00Z",
        "track to without offset  | { flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-14T14:40:00\") { truncated } } | to | must be an ISO-8601 instant with an offset",
        "track ending before      | { flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:40:00Z\", to: \"2023-03-14T14:20:00Z\") { truncated } } | to | must be after from (2023-03-14T14:40:00Z), was 2023-03-14T14:20:00Z",
        "track of no time         | { flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-14T14:20:00Z\") { truncated } } | to | must be after from",
        "track longer than a day  | { flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-15T14:20:01Z\") { truncated } } | to | must be at most 24 h after from",
        "track of too many points | { flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-14T14:40:00Z\", maxPoints: 10000) { truncated } } | maxPoints | must be within [1, 5000], was 10000",
        "track of no points       | { flightTrack(icao24: \"abcdef\", from: \"2023-03-14T14:20:00Z\", to: \"2023-03-14T14:40:00Z\", maxPoints: 0) { truncated } } | maxPoints | must be within [1, 5000], was 0",
    })
    void anUnacceptableArgumentIsAGraphQlErrorNamingIt(String description, String query, String argument, String problem) {
        ResponseEntity<String> response = post(GRAPHQL_RESPONSE, query);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody())
                .contains("\"classification\":\"BAD_REQUEST\"")
                .contains("\"argument\":\"" + argument + "\"")
                .contains("Invalid argument '" + argument + "'")
                .contains(problem)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private ResponseEntity<String> post(MediaType accept, String query) {
        return client.post().contentType(MediaType.APPLICATION_JSON).accept(accept).body(Map.of("query", query))
                .retrieve().toEntity(String.class);
    }
}
