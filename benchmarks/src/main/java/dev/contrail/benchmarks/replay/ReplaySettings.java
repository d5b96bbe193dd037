package dev.contrail.benchmarks.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the replay benchmark (figure 4) runs, from system properties ({@code -Dreplay.<name>=...}); the Maven profile
 * {@code replay} passes them through. The defaults aim at about 15 minutes on the 2-core project machine: 300,000
 * vectors took 12.5 minutes there under heavy load from other builds; 1,000,000 took 10 minutes to catch up alone,
 * and 3 to 10 minutes per rebuild of live-flights, 32 minutes in all.
 *
 * @param vectors            raw state vectors fed to Contrail before anything is measured
 * @param aircraft           simulated aircraft
 * @param seed               load generator seed
 * @param rebuilds           rebuilds of live-flights (the figure is their median, with min and max)
 * @param plainRepetitions   passes of the plain consumer over the same topics
 * @param flightTracks       also rebuild flight-tracks (observations only) once, for comparison
 * @param appJar             Contrail's Boot jar
 * @param appJvmArgs         JVM options for Contrail's process
 * @param resultsDir         where replay-latest.md and its dated copies go
 * @param workDir            Contrail's log
 * @param catchUpTimeout     how long the pipeline may take to process the fed vectors
 * @param quietPeriod        how long every consumer group must stay at the end of its topics, with nothing moving,
 *                           to count as caught up
 * @param rebuildTimeout     how long one rebuild may take before it is cancelled
 * @param adminPassword      the admin password Contrail is started with (HTTP Basic, user admin)
 */
public record ReplaySettings(long vectors, int aircraft, long seed, int rebuilds, int plainRepetitions, boolean flightTracks,
                             Path appJar, List<String> appJvmArgs, Path resultsDir, Path workDir, Duration catchUpTimeout,
                             Duration quietPeriod, Duration rebuildTimeout, String adminPassword) {

    public static ReplaySettings fromSystemProperties() {
        return new ReplaySettings(
                Long.parseLong(property("vectors", "300000")),
                Integer.parseInt(property("aircraft", "10000")),
                Long.parseLong(property("seed", "20261126")),
                Integer.parseInt(property("rebuilds", "3")),
                Integer.parseInt(property("plainRepetitions", "3")),
                Boolean.parseBoolean(property("flightTracks", "true")),
                Path.of(property("app.jar", "api/target/contrail-api-0.1.0-SNAPSHOT.jar")).toAbsolutePath().normalize(),
                words(property("app.jvmArgs", "")),
                Path.of(property("resultsDir", "benchmarks/results")).toAbsolutePath().normalize(),
                Path.of(property("workDir", "benchmarks/target/replay-work")).toAbsolutePath().normalize(),
                Duration.ofSeconds(Long.parseLong(property("catchUpTimeoutSeconds", "900"))),
                Duration.ofSeconds(Long.parseLong(property("quietSeconds", "3"))),
                Duration.ofSeconds(Long.parseLong(property("rebuildTimeoutSeconds", "1800"))),
                property("adminPassword", "replay-benchmark"));
    }

    /** Simulated seconds the fed vectors cover: every aircraft reports every 5 s. */
    public double simulatedSeconds() {
        return vectors * 5.0 / aircraft;
    }

    @Override
    public String toString() {
        return "vectors=%,d aircraft=%,d seed=%d rebuilds=%d plainRepetitions=%d flightTracks=%b appJvmArgs=%s catchUpTimeout=%ds rebuildTimeout=%ds"
                .formatted(vectors, aircraft, seed, rebuilds, plainRepetitions, flightTracks, appJvmArgs,
                        catchUpTimeout.toSeconds(), rebuildTimeout.toSeconds());
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty("replay." + name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
