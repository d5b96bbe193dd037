package dev.contrail.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.readmodels.projection.QuerySide;
import graphql.introspection.IntrospectionQuery;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The bounds of a GraphQL request and of its statements (ADR 0027), on the real stack: each answers a GraphQL error
 * that names the limit, with no data fetched and no stack trace, and the next ordinary query still works.
 */
@TestPropertySource(properties = "contrail.api.queries.statement-timeout=1s")
class GraphQlLimitsIT extends ContrailIntegrationTest {

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");
    private static final String ORDINARY = "{ flights(first: 2) { edges { cursor } } }";

    @Autowired
    private DataSource commandSide;

    @Autowired
    @QuerySide
    private DataSource querySide;

    @Autowired
    @QuerySide
    private NamedParameterJdbcTemplate queryJdbc;

    private RestClient client;

    @BeforeEach
    void client() {
        client = RestClient.builder().baseUrl(graphQlHttpUrl())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    void aQueryDeeperThanTheLimitIsABadRequestNamingIt() {
        // 21 levels: __schema, types, fields, type, 16 ofType, name.
        String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(16) + "name" + " }".repeat(16) + " } } } } }";

        assertLimitAnswered(post(deep), "max-depth", "Query depth 21 is above the limit of 15 (contrail.api.graphql.max-depth)");
        assertStillServes();
    }

    @Test
    void aQueryOfMoreFieldsThanTheComplexityLimitIsABadRequestNamingIt() {
        String wide = "{ flight(icao24: \"abcdef\") { " + "icao24 ".repeat(600) + "} }";

        assertLimitAnswered(post(wide), "max-complexity", "is above the limit of 500 (contrail.api.graphql.max-complexity)");
        assertStillServes();
    }

    @Test
    void moreAliasesThanTheLimitAreABadRequestNamingIt() {
        StringBuilder aliased = new StringBuilder("{");
        for (int i = 0; i < 11; i++) {
            aliased.append(" page").append(i).append(": flights(first: 1000) { edges { cursor } }");
        }
        aliased.append(" }");

        assertLimitAnswered(post(aliased.toString()), "max-aliases", "Aliased fields 11 is above the limit of 10 (contrail.api.graphql.max-aliases)");
        assertStillServes();
    }

    @Test
    void aDocumentOfMoreTokensThanTheLimitIsRefusedWhileParsing() {
        String huge = "{ " + "a ".repeat(6000) + "}";

        ResponseEntity<String> response = post(huge);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"classification\":\"InvalidSyntax\"").contains("More than 5,000")
                .contains("parsing has been cancelled").doesNotContain("\"data\"").doesNotContain("Exception").doesNotContain("\tat ");
        assertStillServes();
    }

    @Test
    void aDocumentOfMoreCharactersThanTheLimitIsRefusedWhileParsing() {
        String padded = "# " + "x".repeat(60_000) + "\n" + ORDINARY;

        ResponseEntity<String> response = post(padded);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"classification\":\"InvalidSyntax\"").contains("More than 50,000 characters")
                .doesNotContain("\"data\"").doesNotContain("Exception");
        assertStillServes();
    }

    @Test
    void theIntrospectionGraphiQlSendsIsWithinTheLimits() {
        ResponseEntity<String> response = post(IntrospectionQuery.INTROSPECTION_QUERY);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"__schema\"").contains("\"FlightConnection\"").doesNotContain("\"errors\"");
    }

    @Test
    void queriesHaveAPoolOfTheirOwnWhoseStatementsAreBoundedInTime() {
        assertThat(((HikariDataSource) querySide).getPoolName()).isEqualTo("contrail-queries");
        assertThat(querySide).isNotSameAs(commandSide);
        assertThat(queryJdbc.getJdbcTemplate().queryForObject("SHOW statement_timeout", String.class)).isEqualTo("1s");
        assertThat(queryJdbc.getJdbcTemplate().queryForObject("SHOW transaction_read_only", String.class)).isEqualTo("on");
        // The command side (event store, projections) is not cut short.
        assertThat(new JdbcTemplate(commandSide).queryForObject("SHOW statement_timeout", String.class)).isEqualTo("0");
    }

    @Test
    void aJdbcQueryLongerThanTheStatementTimeoutIsATimeoutErrorAndTheNextQueryWorks() throws Exception {
        assertTimesOutWhileLocked("live_flight", ORDINARY);
        assertStillServes();
    }

    @Test
    void aJpaQueryLongerThanTheStatementTimeoutIsATimeoutErrorAndTheNextQueryWorks() throws Exception {
        assertTimesOutWhileLocked("flight", "{ recentFlights(icao24: \"abcdef\") { flightId } }");
        ResponseEntity<String> after = post("{ recentFlights(icao24: \"abcdef\") { flightId } }");
        assertThat(after.getBody()).isEqualTo("{\"data\":{\"recentFlights\":[]}}");
    }

    /** Holds an exclusive lock on the view's table from the command side, so that the query waits past its timeout. */
    private void assertTimesOutWhileLocked(String view, String query) throws Exception {
        try (Connection locker = commandSide.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE " + view + " IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            ResponseEntity<String> response = post(query);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            locker.rollback();

            assertThat(response.getStatusCode().value()).isEqualTo(200);
            assertThat(response.getBody())
                    .contains("\"classification\":\"TIMEOUT\"")
                    .contains("longer than the statement timeout of 1000 ms (contrail.api.queries.statement-timeout)")
                    .doesNotContain("INTERNAL_ERROR").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(tookMs).as("cancelled by the timeout, not by the lock's release").isGreaterThanOrEqualTo(900);
        }
    }

    private void assertLimitAnswered(ResponseEntity<String> response, String limit, String message) {
        // A request error, nothing executed: 400 for a GraphQL-over-HTTP client (200 with errors for application/json).
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody())
                .contains("\"classification\":\"BAD_REQUEST\"")
                .contains("\"limit\":\"" + limit + "\"")
                .contains(message)
                .doesNotContain("\"data\":{")
                .doesNotContain("INTERNAL_ERROR").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private void assertStillServes() {
        ResponseEntity<String> response = post(ORDINARY);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"data\":{\"flights\":{\"edges\":[]}}}");
    }

    private ResponseEntity<String> post(String query) {
        return client.post().contentType(MediaType.APPLICATION_JSON).accept(GRAPHQL_RESPONSE).body(Map.of("query", query))
                .retrieve().toEntity(String.class);
    }
}
