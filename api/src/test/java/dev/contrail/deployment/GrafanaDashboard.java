package dev.contrail.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard kept in the repository ({@code ops/grafana/dashboards/contrail.json}, provisioned by
 * {@code docker-compose.yml}): its panels and the metric names their PromQL queries use.
 */
public record GrafanaDashboard(Path file, JsonNode json) {

    public static final Path RELATIVE = Path.of("ops", "grafana", "dashboards", "contrail.json");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public static GrafanaDashboard load() throws IOException {
        Path file = repositoryRoot().resolve(RELATIVE);
        return new GrafanaDashboard(file, new ObjectMapper().readTree(file.toFile()));
    }

    /** The checkout's root: the nearest directory up from the working directory (a module's, under Maven) with the compose file. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Every panel, those inside rows too. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        json.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    /** The PromQL expressions of every panel's queries. */
    public List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        panels().forEach(panel -> panel.path("targets").forEach(target -> {
            if (target.hasNonNull("expr")) {
                expressions.add(target.get("expr").asText());
            }
        }));
        return expressions;
    }

    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expression -> names.addAll(metricNames(expression)));
        return names;
    }

    /**
     * The metric names a PromQL expression selects: its identifiers that are not functions, aggregations, keywords, label
     * names (in braces or grouping clauses), strings, durations or Grafana variables.
     */
    public static Set<String> metricNames(String expression) {
        String bare = expression
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")                                   // strings
                .replaceAll("\\$\\{?\\w+}?", " ")                                               // Grafana variables
                .replaceAll("\\{[^}]*}", " ")                                                  // label matchers
                .replaceAll("\\[[^]]*]", " ")                                                  // ranges, subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")  // grouping labels
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean called = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean partOfNumber = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!called && !partOfNumber && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
