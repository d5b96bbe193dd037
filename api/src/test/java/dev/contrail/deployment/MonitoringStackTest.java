package dev.contrail.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring stack of {@code docker-compose.yml} (ADR 0035), checked without Docker: the compose file, Prometheus'
 * scrape config, Grafana's provisioning and the dashboard hang together, point at files that exist, and the dashboard's
 * queries name metrics that Contrail's code registers. ({@code OperationsMetricsIT} checks the names against a running
 * Contrail's {@code /actuator/prometheus}.)
 */
class MonitoringStackTest {

    private static final Path ROOT = GrafanaDashboard.repositoryRoot();

    @Test
    void theComposeFileParsesAndEveryServiceMountsWhatExists() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("kafka", "postgres", "contrail", "prometheus", "grafana");
        Set<String> volumes = map(compose.get("volumes")).keySet();
        Set<String> secrets = map(compose.get("secrets")).keySet();

        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            assertThat(service.get("image") != null || service.get("build") != null).as(name + " has an image or a build").isTrue();
            for (Object mount : list(service.get("volumes"))) {
                String source = mount.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
                } else {
                    assertThat(volumes).as(name + "'s volume " + source).contains(source);
                }
            }
            for (Object secret : list(service.get("secrets"))) {
                assertThat(secrets).as(name + "'s secret").contains(secret.toString());
            }
            Object dependsOn = service.get("depends_on");
            Set<String> dependencies = dependsOn instanceof Map<?, ?> byCondition ? keys(byCondition) : new TreeSet<>(strings(list(dependsOn)));
            assertThat(services.keySet()).as(name + " depends on").containsAll(dependencies);
        });
        assertThat(ROOT.resolve("Dockerfile")).exists();
    }

    @Test
    void prometheusScrapesContrailsActuatorAsTheAdmin() throws IOException {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        Map<String, Object> prometheus = map(services.get("prometheus"));
        Map<String, Object> contrail = map(services.get("contrail"));
        Path config = ROOT.resolve(hostPathMountedAt(prometheus, "/etc/prometheus/prometheus.yml"));

        Map<String, Object> job = map(list(yaml(config).get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<String> targets = strings(list(map(list(job.get("static_configs")).get(0)).get("targets")));
        String contrailPort = list(contrail.get("ports")).get(0).toString().split(":")[1];
        assertThat(targets).containsExactly("contrail:" + contrailPort);

        Map<String, Object> basicAuth = map(job.get("basic_auth"));
        Map<String, Object> environment = map(contrail.get("environment"));
        assertThat(basicAuth.get("username")).isEqualTo(environment.get("CONTRAIL_ADMIN_USERNAME"));
        String passwordFile = basicAuth.get("password_file").toString();
        assertThat(passwordFile).startsWith("/run/secrets/");
        String secret = passwordFile.substring("/run/secrets/".length());
        assertThat(strings(list(prometheus.get("secrets")))).contains(secret);
        // The secret is the very variable Contrail's admin password comes from.
        Map<String, Object> secrets = map(yaml(ROOT.resolve("docker-compose.yml")).get("secrets"));
        String variable = map(secrets.get(secret)).get("environment").toString();
        assertThat(environment.get("CONTRAIL_ADMIN_PASSWORD").toString()).startsWith("${" + variable + ":");
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheDashboardInTheRepository() throws IOException {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        Map<String, Object> grafana = map(services.get("grafana"));
        Path provisioning = ROOT.resolve(hostPathMountedAt(grafana, "/etc/grafana/provisioning"));

        Map<String, Object> datasource = map(list(yaml(provisioning.resolve("datasources/prometheus.yml")).get("datasources")).get(0));
        assertThat(datasource.get("type")).isEqualTo("prometheus");
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(services).containsKey("prometheus");
        assertThat(strings(list(map(services.get("prometheus")).get("ports")))).contains("9090:9090");

        Map<String, Object> provider = map(list(yaml(provisioning.resolve("dashboards/contrail.yml")).get("providers")).get(0));
        String dashboardsInContainer = map(provider.get("options")).get("path").toString();
        Path dashboards = ROOT.resolve(hostPathMountedAt(grafana, dashboardsInContainer));
        assertThat(dashboards.resolve(GrafanaDashboard.RELATIVE.getFileName())).exists();
        assertThat(dashboards.resolve(GrafanaDashboard.RELATIVE.getFileName()).toRealPath())
                .isEqualTo(ROOT.resolve(GrafanaDashboard.RELATIVE).toRealPath());
        String home = map(grafana.get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").toString();
        assertThat(home).isEqualTo(dashboardsInContainer + "/" + GrafanaDashboard.RELATIVE.getFileName());

        // Every panel queries the provisioned data source.
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        for (JsonNode panel : dashboard.panels()) {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(datasource.get("uid"));
            }
        }
    }

    @Test
    void theDashboardHasAPanelForEachThingOperatorsWatchAndEveryQueryNamesAMetric() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        assertThat(dashboard.json().path("uid").asText()).isNotBlank();
        List<String> titles = dashboard.panels().stream().map(panel -> panel.path("title").asText()).toList();
        assertThat(titles).contains("Ingest rate", "Publishing lag: event store → Kafka", "Consumer lag per consumer group", "Dead letters",
                "Projection rebuild progress", "Subscriptions");

        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique: " + panel.path("id")).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(target -> {
                String expression = target.path("expr").asText();
                assertThat(GrafanaDashboard.metricNames(expression)).as(expression).isNotEmpty();
                assertThat(expression.chars().filter(c -> c == '(').count()).as(expression).isEqualTo(expression.chars().filter(c -> c == ')').count());
            });
        }
        assertThat(dashboard.metricNames()).contains("eventProcessor_latency", "kafka_consumer_fetch_manager_records_lag_max", "contrail_dead_letters_total",
                "contrail_graphql_subscriptions");
    }

    @Test
    void everyContrailMetricTheDashboardUsesIsRegisteredInTheCode() throws IOException {
        // The meter names Contrail's code registers (string literals "contrail.…" in its main sources), as Prometheus names them.
        Set<String> registered = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(contrail(\\.[a-z0-9]+)+)\"");
        try (Stream<Path> sources = Files.walk(ROOT)) {
            for (Path source : (Iterable<Path>) sources.filter(path -> path.toString().endsWith(".java") && path.toString().contains("/src/main/java/"))::iterator) {
                Matcher meter = literal.matcher(Files.readString(source));
                while (meter.find()) {
                    registered.add(meter.group(1).replace('.', '_'));
                }
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : GrafanaDashboard.load().metricNames()) {
            // Prometheus appends the base unit and, to counters, _total: contrail.dead.letters is contrail_dead_letters_total.
            if (name.startsWith("contrail_") && registered.stream().noneMatch(meter -> name.equals(meter) || name.startsWith(meter + "_"))) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("dashboard metrics no meter in the code is named after").isEmpty();
    }

    @Test
    void metricNamesAreReadFromPromQlWithoutFunctionsLabelsOrVariables() {
        assertThat(GrafanaDashboard.metricNames("sum by (stage) (rate(contrail_dead_letters_total{stage=~\"a|b\"}[$__rate_interval]))"))
                .containsExactly("contrail_dead_letters_total");
        assertThat(GrafanaDashboard.metricNames("sum by (group) (label_replace(x_lag, \"group\", \"$1\", \"client_id\", \"(.+)-c\"))"))
                .containsExactly("x_lag");
        assertThat(GrafanaDashboard.metricNames("max by (projection) (a_done / a_total offset 5m) * 1e3")).containsExactly("a_done", "a_total");
    }

    private static String hostPathMountedAt(Map<String, Object> service, String containerPath) {
        return strings(list(service.get("volumes"))).stream()
                .map(mount -> mount.split(":"))
                .filter(parts -> parts[1].equals(containerPath))
                .map(parts -> parts[0])
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + containerPath));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        assertThat(file).exists();
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> document = new Yaml().load(in);
            assertThat(document).as(file.toString()).isNotNull();
            return document;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

    private static List<String> strings(List<Object> nodes) {
        return nodes.stream().map(Object::toString).toList();
    }

    private static Set<String> keys(Map<?, ?> map) {
        Set<String> keys = new TreeSet<>();
        map.keySet().forEach(key -> keys.add(key.toString()));
        return keys;
    }
}
