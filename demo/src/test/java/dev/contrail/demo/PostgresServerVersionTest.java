package dev.contrail.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerVersionTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aDataDirectoryOfAnotherMajorVersionIsRefusedWithWhatToDo() throws Exception {
        Files.writeString(dataDirectory.resolve("PG_VERSION"), "14\n");

        assertThatThrownBy(() -> PostgresServer.requireSameMajorVersion(dataDirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("written by PostgreSQL 14")
                .hasMessageContaining("runs PostgreSQL 15")
                .hasMessageContaining("--contrail.embedded.fresh=true");
    }

    @Test
    void aDataDirectoryOfThisVersionOrANewOneIsAccepted() throws Exception {
        assertThatCode(() -> PostgresServer.requireSameMajorVersion(dataDirectory)).doesNotThrowAnyException();
        Files.writeString(dataDirectory.resolve("PG_VERSION"), "15\n");
        assertThatCode(() -> PostgresServer.requireSameMajorVersion(dataDirectory)).doesNotThrowAnyException();
    }
}
