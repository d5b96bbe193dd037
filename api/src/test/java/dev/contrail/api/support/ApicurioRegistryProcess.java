package dev.contrail.api.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Apicurio Registry (ADR 0037), run as a process of its own from the distribution Maven unpacks into
 * {@code target/apicurio-registry} (api/pom.xml), with its default in-memory storage, on free ports. No Docker.
 * <p>
 * Apicurio Registry 2.6 (Quarkus 3.15) runs on Java 17, as Contrail does: the registry is started with the Java running
 * the tests. (Apicurio 3 needs Java 21, which Debian's packages do not offer; ADR 0037.)
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    private static final Path DISTRIBUTION = Path.of("target/apicurio-registry");
    /** The version api/pom.xml unpacks; its runner jar is named after it. */
    private static final String VERSION = "2.6.13.Final";
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final Process process;
    private final int port;
    private final Path log;

    private ApicurioRegistryProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the registry and waits until its Confluent-compatible API answers; stopped when the JVM exits at the latest. */
    public static ApicurioRegistryProcess start() {
        Path runner = DISTRIBUTION.resolve("apicurio-registry-app-" + VERSION + "-runner.jar");
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner.toAbsolutePath() + " is missing: Maven unpacks io.apicurio:apicurio-registry-app"
                    + ":" + VERSION + ":tar.gz:all there in the pre-integration-test phase (api/pom.xml); run the test through failsafe");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int port = freePort();
        int managementPort = freePort();
        Path log = Path.of("target/apicurio-registry-" + port + ".log");
        List<String> command = List.of(java.toString(), "-Xmx512m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort, "-Dquarkus.management.host=127.0.0.1",
                "-jar", runner.toAbsolutePath().toString());
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DISTRIBUTION.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + command, e);
        }
        ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "apicurio-registry-stop"));
        registry.awaitReady();
        return registry;
    }

    /** The root of the Confluent-compatible API, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** The root of Apicurio's own v2 API, which Apicurio's 2.x serdes speak. */
    public String v2Url() {
        return baseUrl() + "/apis/registry/v2";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + " while starting; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Apicurio Registry not ready within " + STARTUP + "; see " + log.toAbsolutePath());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
