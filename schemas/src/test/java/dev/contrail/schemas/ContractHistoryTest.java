package dev.contrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

class ContractHistoryTest {

    /** The source of the history; tests run in the module directory. */
    private static final Path HISTORY = Path.of("src/main/resources", ContractHistory.ROOT);

    @Test
    void indexListsExactlyTheRecordedVersions() throws IOException {
        List<String> files;
        try (Stream<Path> paths = Files.walk(HISTORY)) {
            files = paths.filter(Files::isRegularFile)
                    .map(path -> HISTORY.relativize(path).toString().replace('\\', '/'))
                    .filter(file -> !file.equals("index.txt"))
                    .sorted()
                    .toList();
        }
        // What ContractHistory loaded through the index; it already insists on v1..vN without gaps.
        List<String> indexed = ContractHistory.contracts().stream()
                .flatMap(contract -> IntStream.rangeClosed(1, ContractHistory.versionsOf(contract).size())
                        .mapToObj(version -> contract + "/v" + version + ".avsc"))
                .toList();

        assertThat(indexed)
                .as("%s must list every file under %s, one per line; expected entries:%n%s",
                        ContractHistory.INDEX, HISTORY, String.join(System.lineSeparator(), files))
                .containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void schemaStoreResolvesEveryVersionByItsFingerprint() {
        SchemaStore store = ContractHistory.schemaStore();

        ContractHistory.contracts().stream().flatMap(contract -> ContractHistory.versionsOf(contract).stream())
                .forEach(version -> assertThat(store.findByFingerprint(SchemaNormalization.parsingFingerprint64(version)))
                        .as(version.getFullName())
                        .isNotNull()
                        .extracting(SchemaNormalization::toParsingForm)
                        .isEqualTo(SchemaNormalization.toParsingForm(version)));
    }

    @Test
    void versionNIsTheSchemaOfFileVN() throws IOException {
        for (String contract : ContractHistory.contracts()) {
            List<Schema> versions = ContractHistory.versionsOf(contract);
            for (int v = 1; v <= versions.size(); v++) {
                Schema file = new Schema.Parser().parse(HISTORY.resolve(contract + "/v" + v + ".avsc").toFile());
                assertThat(versions.get(v - 1)).as("%s v%d", contract, v).isEqualTo(file);
            }
        }
    }

    @Test
    void unknownContractIsAnError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContractHistory.versionsOf("FlightTrackingEvents"))
                .withMessageContaining("FlightTrackingEvents")
                .withMessageContaining("FlightTrackingEvent");
    }
}
