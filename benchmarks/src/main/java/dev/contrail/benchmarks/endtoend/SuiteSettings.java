package dev.contrail.benchmarks.endtoend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How the end-to-end suite runs, from system properties ({@code -Dbenchmarks.<name>=...}); the Maven profile passes
 * the main ones through. The defaults keep the whole suite under about 15 minutes on 2 cores.
 *
 * @param runs                 end-to-end runs; each figure is the median of them, with min and max
 * @param aircraft             simulated aircraft (each reports every 5 s of simulated time: 2,000 vectors/s at 1×)
 * @param seed                 load generator seed
 * @param jmh                  also run the JMH micro-benchmarks (in forked JVMs, before the services start)
 * @param appJar               Contrail's Boot jar
 * @param appJvmArgs           JVM options for Contrail's process (empty: the JVM's defaults, as {@code java -jar})
 * @param resultsDir           where latest.md and its dated copies go
 * @param workDir              logs and raw samples
 * @param speeds               figure 1's ladder of time accelerations (1 = 2,000 vectors/s with the default fleet)
 * @param step                 how long each rung of the ladder lasts
 * @param lagBound             a consumer group whose lag (in seconds behind the end of its topic) stays within
 *                             this bound keeps up
 * @param warmUpTimeout        how long the first snapshot of every aircraft may take to reach every consumer group
 * @param drainTimeout         how long Contrail may take to work off a backlog between figures
 * @param queryClients         figure 3's concurrent HTTP clients
 * @param queryLoadSpeed       the load during figure 3 (time acceleration; 0, the default, is none: the query path alone,
 *                             like its raw limit)
 * @param queryDuration        figure 3's measurement time
 * @param subscriptions        figure 2's concurrent WebSocket subscriptions (one connection each)
 * @param subscriptionSpeed    the load during figure 2 (1 = 2,000 vectors/s with the default fleet)
 * @param subscriptionDuration figure 2's measurement time
 * @param boxHeightDeg         height of the query and subscription areas, degrees of latitude
 * @param boxWidthDeg          width of the query and subscription areas, degrees of longitude
 * @param rawRecords           records in the raw-limit measurements
 * @param rawRepetitions       repetitions of each raw-limit measurement
 */
public record SuiteSettings(int runs, int aircraft, long seed, boolean jmh, Path appJar, List<String> appJvmArgs,
                            Path resultsDir, Path workDir, List<Double> speeds, Duration step, Duration lagBound,
                            Duration warmUpTimeout, Duration drainTimeout, int queryClients, double queryLoadSpeed,
                            Duration queryDuration, int subscriptions, double subscriptionSpeed, Duration subscriptionDuration, double boxHeightDeg, double boxWidthDeg, int rawRecords,
                            int rawRepetitions) {

    public static SuiteSettings fromSystemProperties() {
        return new SuiteSettings(
                intProperty("runs", 3),
                intProperty("aircraft", 10_000),
                Long.parseLong(property("seed", "20261126")),
                Boolean.parseBoolean(property("jmh", "true")),
                Path.of(property("app.jar", "api/target/contrail-api-0.1.0-SNAPSHOT.jar")).toAbsolutePath().normalize(),
                words(property("app.jvmArgs", "")),
                Path.of(property("resultsDir", "benchmarks/results")).toAbsolutePath().normalize(),
                Path.of(property("workDir", "benchmarks/target/benchmark-work")).toAbsolutePath().normalize(),
                Arrays.stream(property("speeds", "0.25,0.35,0.5,0.7,1,1.4,2,2.8,4,5.6,8,11,16").split(",")).map(String::trim).map(Double::valueOf).toList(),
                Duration.ofSeconds(intProperty("stepSeconds", 15)),
                Duration.ofSeconds(intProperty("lagBoundSeconds", 3)),
                Duration.ofSeconds(intProperty("warmUpTimeoutSeconds", 120)),
                Duration.ofSeconds(intProperty("drainTimeoutSeconds", 60)),
                intProperty("queryClients", 4),
                Double.parseDouble(property("queryLoadSpeed", "0")),
                Duration.ofSeconds(intProperty("querySeconds", 15)),
                intProperty("subscriptions", 1_000),
                Double.parseDouble(property("subscriptionSpeed", "1")),
                Duration.ofSeconds(intProperty("subscriptionSeconds", 20)),
                Double.parseDouble(property("boxHeightDeg", "4")),
                Double.parseDouble(property("boxWidthDeg", "6")),
                intProperty("rawRecords", 300_000),
                intProperty("rawRepetitions", 3));
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty("benchmarks." + name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static int intProperty(String name, int defaultValue) {
        return Integer.parseInt(property(name, String.valueOf(defaultValue)));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
