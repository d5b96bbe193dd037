package dev.contrail.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the contracts of our topics: every change to a schema is recorded in {@code avro-history}, and the current
 * schema can read everything any recorded version wrote (BACKWARD_TRANSITIVE). Consumers are upgraded first, so
 * they must read what producers still running an older version write, and what older versions left on the topics.
 */
class ContractCompatibilityTest {

    /** The current schemas, read from the sources: tests run in the module directory. */
    private static final Path CURRENT = Path.of("src/main/avro");

    /**
     * Every schema in {@code src/main/avro}. Parsed from the files rather than taken from the generated classes,
     * whose schemas carry code-generation properties ({@code avro.java.string}) that the history does not.
     */
    static Stream<Named<Schema>> currentSchemas() throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(CURRENT)) {
            files = paths.filter(path -> path.toString().endsWith(".avsc")).sorted().toList();
        }
        assertThat(files).as("schemas in %s", CURRENT).isNotEmpty();
        return files.stream().map(ContractCompatibilityTest::parse).map(schema -> Named.of(schema.getName(), schema));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void latestRecordedVersionIsTheCurrentSchema(Schema current) {
        String contract = current.getName();
        assertThat(ContractHistory.contracts())
                .as("%s has no history: copy its .avsc to src/main/resources/avro-history/%s/v1.avsc "
                        + "and add the line '%s/v1.avsc' to avro-history/index.txt", contract, contract, contract)
                .contains(contract);

        List<Schema> versions = ContractHistory.versionsOf(contract);
        int next = versions.size() + 1;
        // Whole schemas, docs and defaults included: the parsing canonical form (and so the fingerprint) ignores
        // defaults, yet defaults are what lets a reader fill in fields that older writers did not have.
        assertThat(current.toString(true))
                .as("%s differs from its latest recorded version v%d. Every change to a contract is recorded: copy "
                                + "the .avsc to src/main/resources/avro-history/%s/v%d.avsc and add the line '%s/v%d.avsc' "
                                + "to avro-history/index.txt (recorded versions are never edited)",
                        contract, versions.size(), contract, next, contract, next)
                .isEqualTo(versions.get(versions.size() - 1).toString(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void currentSchemaReadsEveryRecordedVersion(Schema current) {
        assertThat(incompatibilities(current, ContractHistory.versionsOf(current.getName())))
                .as("%s can no longer read data written with older versions (BACKWARD_TRANSITIVE). Give new fields "
                        + "a default, do not remove fields without one, and widen types only as Avro promotes them",
                        current.getName())
                .isEmpty();
    }

    @Test
    void everyRecordedContractStillExists() throws IOException {
        List<String> current = currentSchemas().map(Named::getPayload).map(Schema::getName).toList();

        assertThat(current)
                .as("contracts with a history in avro-history but no schema in %s (renamed? then the history must move "
                        + "along, and a record renamed needs an alias to stay readable)", CURRENT)
                .containsAll(ContractHistory.contracts());
    }

    /** Proves the check above can fail: a new field without default cannot be filled in from older data. */
    @Test
    void newRequiredFieldIsIncompatible() {
        Schema v1 = ContractHistory.versionsOf("AircraftObservation").get(0);
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("registration", Schema.create(Schema.Type.STRING), "Tail number, e.g. N672NK"));
        Schema withRequiredField = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);

        assertThat(incompatibilities(withRequiredField, List.of(v1)))
                .singleElement(STRING)
                .contains("v1", "READER_FIELD_MISSING_DEFAULT_VALUE", "registration");
    }

    /** One line per problem, naming the version it is with and where in the schema it is. */
    private static List<String> incompatibilities(Schema reader, List<Schema> writers) {
        List<String> problems = new ArrayList<>();
        for (int v = 1; v <= writers.size(); v++) {
            for (Incompatibility problem : SchemaCompatibility.checkReaderWriterCompatibility(reader, writers.get(v - 1))
                    .getResult().getIncompatibilities()) {
                problems.add("v%d: %s at %s: %s".formatted(
                        v, problem.getType(), problem.getLocation(), problem.getMessage()));
            }
        }
        return problems;
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
