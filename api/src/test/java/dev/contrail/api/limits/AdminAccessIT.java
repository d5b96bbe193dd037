package dev.contrail.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.api.support.ContrailIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The actuator is the operators' (ADR 0027): health is open for probes with its status only, its details and the rest
 * need the admin; failed sign-ins lock their address out with a 429 that says for how long, and queries go on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
    "contrail.admin.username=operator",
    "contrail.admin.password=" + AdminAccessIT.PASSWORD,
    "contrail.api.security.max-failed-sign-ins=3",
    "contrail.api.security.failed-sign-in-window=10m"})
class AdminAccessIT extends ContrailIntegrationTest {

    static final String PASSWORD = "operator-secret";

    private RestClient anonymous;
    private RestClient operator;

    @BeforeEach
    void clients() {
        anonymous = client(null);
        operator = client(PASSWORD);
    }

    @Test
    @Order(1)
    void healthIsOpenForProbesWithItsStatusOnly() {
        ResponseEntity<String> health = anonymous.get().uri("/actuator/health").retrieve().toEntity(String.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("kafkaStreams");
        // Kubernetes-style probes, open too, status only.
        for (String probe : new String[] {"liveness", "readiness"}) {
            ResponseEntity<String> answer = anonymous.get().uri("/actuator/health/" + probe).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode().value()).as(probe).isEqualTo(200);
            assertThat(answer.getBody()).as(probe).contains("\"status\":\"UP\"").doesNotContain("components");
        }
    }

    @Test
    @Order(1)
    void readinessIsTheDatabaseTheStreamsApplicationsAndTheServingProjections() {
        ResponseEntity<String> readiness = operator.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class);

        assertThat(readiness.getStatusCode().value()).isEqualTo(200);
        assertThat(readiness.getBody()).contains("\"readinessState\"", "\"db\"", "\"kafkaStreams\"", "\"projections\"");
    }

    @Test
    @Order(1)
    void theAdminSeesHealthDetails() {
        ResponseEntity<String> health = operator.get().uri("/actuator/health").retrieve().toEntity(String.class);

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"components\"").contains("\"kafkaStreams\"").contains("\"db\"");
    }

    @Test
    @Order(1)
    void metricsAndPrometheusAreTheAdminsOnly() {
        for (String endpoint : new String[] {"/actuator/metrics", "/actuator/prometheus", "/actuator/metrics/hikaricp.connections"}) {
            ResponseEntity<String> refused = anonymous.get().uri(endpoint).retrieve().toEntity(String.class);
            assertThat(refused.getStatusCode().value()).as(endpoint).isEqualTo(401);
            assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
            assertThat(refused.getBody()).contains("Sign in as the admin");

            assertThat(operator.get().uri(endpoint).retrieve().toEntity(String.class).getStatusCode().value()).as(endpoint).isEqualTo(200);
        }
        // Both pools are measured: the command side's and the queries'.
        assertThat(operator.get().uri("/actuator/prometheus").retrieve().body(String.class)).contains("pool=\"contrail-queries\"");
    }

    @Test
    @Order(1)
    void queriesNeedNoCredentials() {
        assertThat(query(anonymous).getBody()).isEqualTo("{\"data\":{\"flight\":null}}");
    }

    @Test
    @Order(2)
    void failedSignInsLockTheAddressOutWith429AndQueriesGoOn() {
        RestClient guesser = client("guess");
        for (int i = 0; i < 3; i++) {
            ResponseEntity<String> wrong = guesser.get().uri("/actuator/metrics").retrieve().toEntity(String.class);
            assertThat(wrong.getStatusCode().value()).isEqualTo(401);
            assertThat(wrong.getBody()).contains("Bad credentials");
        }

        ResponseEntity<String> locked = operator.get().uri("/actuator/metrics").retrieve().toEntity(String.class);

        assertThat(locked.getStatusCode().value()).isEqualTo(429);
        assertThat(Long.parseLong(locked.getHeaders().getFirst("Retry-After"))).isBetween(1L, 600L);
        assertThat(locked.getBody()).contains("Too many failed sign-ins from this address (3 within 600 s, contrail.api.security.max-failed-sign-ins)");
        // The service stays up: anonymous queries and probes are answered.
        assertThat(query(anonymous).getBody()).isEqualTo("{\"data\":{\"flight\":null}}");
        assertThat(anonymous.get().uri("/actuator/health").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }

    private ResponseEntity<String> query(RestClient client) {
        return client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", "{ flight(icao24: \"abcdef\") { icao24 } }")).retrieve().toEntity(String.class);
    }

    private RestClient client(String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> {
                    if (password != null) {
                        headers.setBasicAuth("operator", password);
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
