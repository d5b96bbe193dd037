package dev.contrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command line runs with {@code java -jar}, on its own (no Maven, no classpath), as the README says. */
class RunnableJarIT {

    @TempDir
    Path work;

    @Test
    void theJarRunsWithJavaDashJarListsItsCommandsAndSaysWhenContrailIsNotThere() throws Exception {
        Path jar = Path.of("target", "contrail-cli.jar").toAbsolutePath();
        assertThat(jar).exists();

        Result help = run(jar, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("projections", "replay", "cancel", "republish", "dead-letters", "redrive");

        Result unreachable = run(jar, "--url", "http://localhost:9/graphql", "projections");
        assertThat(unreachable.exit()).isEqualTo(ContrailCli.REFUSED);
        assertThat(unreachable.output()).contains("cannot reach Contrail at http://localhost:9/graphql");
    }

    private record Result(int exit, String output) {
    }

    private Result run(Path jar, String... args) throws Exception {
        Path output = Files.createTempFile(work, "contrail-cli", ".out");
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
