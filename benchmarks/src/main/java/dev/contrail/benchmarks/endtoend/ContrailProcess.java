package dev.contrail.benchmarks.endtoend;

import java.time.temporal.ChronoUnit;
import java.nio.file.StandardCopyOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Contrail as users run it: its Boot jar in a JVM of its own, pointed at the suite's Kafka and PostgreSQL with the
 * standard properties (ADR 0006), capture replay off, HTTP on a free loopback port.
 */
final class ContrailProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "benchmarks";
    private static final String ADMIN_AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long startedNanos = System.nanoTime();

    private ContrailProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * A copy of the built jar in {@code workDir}, to run: a build elsewhere that rewrites the jar under a running JVM
     * breaks its class loading.
     */
    static Path copyUnderTest(Path built, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path copy = workDir.resolve("contrail-api-under-test.jar");
        Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** The jar under test, copied to run ({@link #copyUnderTest}), and how a report names it ({@link #describeUnderTest}). */
    record UnderTest(Path jar, String description) {
    }

    static UnderTest underTest(Path built, Path workDir, List<String> jvmArgs) throws IOException {
        Path copy = copyUnderTest(built, workDir);
        return new UnderTest(copy, describeUnderTest(built, copy, jvmArgs));
    }

    /** What a report says of the application under test: the built jar, its size and date, the JVM options. */
    static String describeUnderTest(Path built, Path copy, List<String> jvmArgs) throws IOException {
        return "`%s` (%,d bytes, built %s), its own JVM, options: %s".formatted(built.getFileName(), Files.size(copy),
                Files.getLastModifiedTime(built).toInstant().truncatedTo(ChronoUnit.SECONDS),
                jvmArgs.isEmpty() ? "none (the JVM's defaults)" : String.join(" ", jvmArgs));
    }

    /** Starts the jar with the defaults above; an argument of {@code extraArgs} overrides the default of the same property. */
    static ContrailProcess start(Path jar, List<String> jvmArgs, List<String> extraArgs, String kafkaBootstrapServers,
                                 String jdbcUrl, String user, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Contrail's Boot jar is missing: " + jar + " (build it with ./mvnw -pl api -am package)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        List<String> defaults = List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=",
                "--contrail.embedded.enabled=false",
                "--contrail.capture.enabled=false",
                // The OurAirports import would compete for the CPU with the ingest being measured (ADR 0011).
                "--contrail.airports.import.enabled=false",
                // Metrics are the admin's (ADR 0027).
                "--contrail.admin.password=" + ADMIN_PASSWORD,
                // Figure 2 opens one WebSocket connection per subscription: the production bound (500, ADR 0027) would
                // refuse all but the first 500 of them.
                "--contrail.api.websocket.max-connections=100000",
                "--server.address=127.0.0.1",
                "--server.port=" + port);
        // A property in extraArgs replaces the default (Spring would join both values of a repeated argument).
        defaults.stream().filter(d -> extraArgs.stream().noneMatch(e -> e.startsWith(d.substring(0, d.indexOf('=') + 1))))
                .forEach(command::add);
        command.addAll(extraArgs);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ContrailProcess(process, port, log);
    }

    /** Waits until {@code /actuator/health} says UP (database, every Kafka Streams topology running); returns how long it took. */
    Duration awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Contrail exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && "UP".equals(JSON.readTree(response.body()).path("status").asText())) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Contrail was not healthy within " + timeout + " (last: " + last + "); see " + log);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI webSocketUri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** Peak resident set size of the process so far (VmHWM), bytes. */
    OptionalLong peakRssBytes() {
        return MachineInfo.procLine(Path.of("/proc/" + process.pid() + "/status"), "VmHWM:")
                .map(line -> OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024))
                .orElse(OptionalLong.empty());
    }

    /** CPU time (user + system) the process has used so far, milliseconds. */
    /** The CPU seconds the process has used so far, NaN where the platform does not tell. */
    double cpuSeconds() {
        OptionalLong millis = cpuMillis();
        return millis.isPresent() ? millis.getAsLong() / 1000.0 : Double.NaN;
    }

    OptionalLong cpuMillis() {
        return process.toHandle().info().totalCpuDuration().map(d -> OptionalLong.of(d.toMillis())).orElse(OptionalLong.empty());
    }

    /**
     * A Micrometer meter from {@code /actuator/metrics/<name>}: its statistic, e.g. COUNT or TOTAL_TIME. Asked up to
     * three times: an overloaded Contrail can be slow to answer.
     */
    Optional<Double> metric(String name, String statistic) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/metrics/" + name))
                                .header("Authorization", ADMIN_AUTHORIZATION).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() == 200) {
                    for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
                        if (statistic.equals(measurement.path("statistic").asText())) {
                            return Optional.of(measurement.path("value").asDouble());
                        }
                    }
                    return Optional.empty();
                }
            } catch (IOException e) {
                // Try again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process as an operator would (SIGTERM, graceful shutdown), and kills it if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
