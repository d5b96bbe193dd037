package dev.contrail.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so this is what can be checked of the production-like stack:
 * the services are there, healthy-gated and wired to Contrail by the standard environment variables (the monitoring
 * services: {@link MonitoringStackTest}).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void runsKafkaPostgresqlAndContrailEachWithAHealthCheck() {
        assertThat(services).containsOnlyKeys("kafka", "postgres", "contrail", "prometheus", "grafana", "schema-registry");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void startsContrailOnlyOnceKafkaAndPostgresqlAreHealthy() {
        var dependsOn = (Map<String, Map<String, String>>) services.get("contrail").get("depends_on");
        assertThat(dependsOn).containsOnlyKeys("kafka", "postgres");
        dependsOn.values().forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pointsContrailAtTheComposeServicesThroughStandardSpringVariables() {
        var environment = (Map<String, Object>) services.get("contrail").get("environment");
        assertThat(environment)
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/contrail")
                .doesNotContainKey("CONTRAIL_EMBEDDED_ENABLED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void replaysTheDemoCaptureMountedFromTheRepositoryForTheProductionImageCarriesNone() {
        var contrail = services.get("contrail");
        assertThat((Map<String, Object>) contrail.get("environment"))
                .containsEntry("CONTRAIL_CAPTURE_ENABLED", "true")
                .containsEntry("CONTRAIL_CAPTURE_LOCATION", "file:/data/capture/*.json");
        String volume = ((List<String>) contrail.get("volumes")).get(0);
        assertThat(volume).endsWith(":/data/capture:ro");
        assertThat(ROOT.resolve(volume.substring(0, volume.indexOf(':')))).isDirectory()
                .isDirectoryContaining(file -> file.getFileName().toString().startsWith("data-") && file.toString().endsWith(".json"));
        assertThat((Map<String, Object>) services.get("kafka").get("environment"))
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
    }

    /** ADR 0037: the registry is there for the schema-registry mode, opt-in, and the way to turn the mode on is shown. */
    @Test
    void offersApicurioRegistryForTheSchemaRegistryModeBehindAProfile() throws IOException {
        var registry = services.get("schema-registry");
        assertThat(registry).containsEntry("image", "apicurio/apicurio-registry-mem:2.6.13.Final")
                .containsEntry("profiles", List.of("schema-registry"));
        assertThat(Files.readAllLines(ROOT.resolve("docker-compose.yml")))
                .anyMatch(line -> line.strip().equals("# CONTRAIL_KAFKA_SCHEMA_REGISTRY_URL: http://schema-registry:8080/apis/ccompat/v7"));
    }

    @Test
    void buildsContrailFromTheDockerfileThatPackagesTheApiModule() throws IOException {
        assertThat(services.get("contrail")).containsEntry("build", ".");
        List<String> dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).anyMatch(line -> line.contains("-pl api -am package"))
                .anyMatch(line -> line.contains("api/target/contrail-api-*.jar"))
                .anyMatch(line -> line.contains("-Djarmode=tools") && line.contains("extract --layers --launcher"));
    }
}
