package dev.contrail.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;

/** Every GraphQL example in the README is valid against the schema the API serves: the documentation cannot drift. */
class ReadmeExamplesTest {

    private static final Path SCHEMA = Path.of("src", "main", "resources", "graphql");

    static Stream<String> examples() {
        return ReadmeExamples.read().operations().stream().map(ReadmeExamples.Example::text);
    }

    @Test
    void findsTheCurlExamplesAndWhereEachExampleIs() {
        ReadmeExamples examples = ReadmeExamples.read();
        assertThat(examples.all()).filteredOn(example -> example.kind() == ReadmeExamples.Kind.CURL).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(curl -> assertThat(curl.text()).startsWith("curl ").contains("/graphql"));
        assertThat(examples.all()).allSatisfy(example -> assertThat(readmeLine(example.line()))
                .as(example.where()).contains(firstWords(example)));
    }

    @Test
    void readsTheNotRunMarkerOnTheLineBeforeABlock() {
        String readme = "text\n\n<!-- example: not run, it cancels a rebuild in progress -->\n```graphql\nmutation { a }\n\nquery { b }\n```\n"
                + "```graphql\n{ c }\n```\n";
        assertThat(ReadmeExamples.parse(readme).all()).extracting(ReadmeExamples.Example::line, ReadmeExamples.Example::kind,
                        ReadmeExamples.Example::notRunBecause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, ReadmeExamples.Kind.MUTATION, "it cancels a rebuild in progress"),
                        org.assertj.core.groups.Tuple.tuple(7, ReadmeExamples.Kind.QUERY, "it cancels a rebuild in progress"),
                        org.assertj.core.groups.Tuple.tuple(10, ReadmeExamples.Kind.QUERY, null));
    }

    private static String readmeLine(int line) {
        try {
            return Files.readAllLines(ReadmeExamples.README).get(line - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstWords(ReadmeExamples.Example example) {
        String text = example.text().strip();
        int end = text.indexOf(' ', Math.min(text.length(), 8));
        return text.substring(0, end < 0 ? text.length() : end);
    }

    @Test
    void theReadmeHasExamplesOfEveryKindOfOperation() {
        List<String> all = examples().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(7)
                .anyMatch(operation -> operation.startsWith("query"))
                .anyMatch(operation -> operation.startsWith("subscription"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsValidAgainstTheSchema(String operation) throws IOException {
        Document document = Parser.parse(operation);
        List<ValidationError> errors = new Validator().validateDocument(schema(), document, Locale.ENGLISH);
        assertThat(errors).as(operation).isEmpty();
    }

    private static GraphQLSchema schema() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(SCHEMA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        // The Relay connection types (FlightConnection, ...) are generated at start-up, as the application does.
        new ConnectionTypeDefinitionConfigurer().configure(registry);
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }
}
