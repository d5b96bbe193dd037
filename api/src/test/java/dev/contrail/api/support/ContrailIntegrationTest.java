package dev.contrail.api.support;

import dev.contrail.api.ContrailApplication;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of Contrail's integration tests: the whole application on a random port, against real Kafka and
 * PostgreSQL ({@link TestServices}), each test class with a fresh database, a broker of its own and consumer groups of
 * its own, and no scheduled read-model purge.
 * Contexts are closed after each class so that no two of them consume the same topics at once.
 */
@SpringBootTest(classes = ContrailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"contrail.embedded.enabled=false", "contrail.capture.enabled=false", "contrail.airports.import.enabled=false",
                "contrail.airspace.definitions.enabled=false",
                // No scheduled read-model purge (ADR 0028): tests date their traffic in March 2023, past every default
                // retention, and a purge a minute after start deleted the hourly counts under AirportImportIT's feet.
                // RetentionRepublishRedriveIT runs the purge itself.
                "contrail.retention.purge-interval=0s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ContrailIntegrationTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void contrailServices(DynamicPropertyRegistry registry) {
        TestServices.Database database = TestServices.newDatabase();
        String kafka = TestServices.newKafka();
        registry.add("spring.kafka.bootstrap-servers", () -> kafka);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("contrail.kafka.application-id-prefix", () -> "it-" + UUID.randomUUID());
    }

    protected String graphQlHttpUrl() {
        return "http://localhost:" + port + "/graphql";
    }

    protected String graphQlWebSocketUrl() {
        return "ws://localhost:" + port + "/graphql";
    }
}
