package dev.contrail.readmodels.projection;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * A read-model projection as the replay machinery knows it (ADR 0010): its name and code version, the topics it
 * reads from their beginning, the tables it writes (created per generation from {@link #schemaScript()}, shown to
 * queries as views of the same names in {@code public}), and its topology, built anew for every generation.
 *
 * <p>A projection is rebuilt by running a new generation of it next to the serving one; everything a topology
 * writes must therefore go through the {@link ProjectionGeneration} it is given, never through a shared
 * {@code DataSource}, and subscribers are reached only through {@link ProjectionGeneration#whileServing}.
 *
 * @param name        stable name, lower-case words joined by dashes, e.g. {@code live-flights}
 * @param version     the projection's code version; a serving generation built by another version is rebuilt
 * @param inputTopics every topic the topology reads (progress and lag are measured on them)
 * @param tables      the tables of {@link #schemaScript()} that queries read, each exposed as a view in {@code public}
 * @param topology    adds the projection's topology for one generation to a builder
 */
public record ProjectionDefinition(String name, int version, List<String> inputTopics, List<String> tables, Topology topology) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ProjectionDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.length() > 40) {
            throw new IllegalArgumentException("A projection name is up to 40 lower-case words joined by dashes, was '" + name + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("A projection version starts at 1, was " + version);
        }
        inputTopics = List.copyOf(inputTopics);
        tables = List.copyOf(tables);
        if (inputTopics.isEmpty() || tables.isEmpty()) {
            throw new IllegalArgumentException("Projection " + name + " must read at least one topic and write at least one table");
        }
        Objects.requireNonNull(topology, "topology");
    }

    /** The classpath resource that creates the projection's tables in a generation's schema (unqualified names). */
    public String schemaScript() {
        return "projections/" + name + ".sql";
    }

    /** The topology of one generation of a projection. */
    @FunctionalInterface
    public interface Topology {
        void addTo(StreamsBuilder builder, ProjectionGeneration generation);
    }
}
