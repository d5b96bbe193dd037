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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;

/** Every GraphQL example in the README is valid against the schema the API serves: the documentation cannot drift. */
class ReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SCHEMA = Path.of("src", "main", "resources", "graphql");
    private static final Pattern GRAPHQL_BLOCK = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JS_QUERY = Pattern.compile("query: '(.*?)' }", Pattern.DOTALL);

    static Stream<String> examples() throws IOException {
        String readme = Files.readString(README);
        List<String> operations = new ArrayList<>();
        Matcher blocks = GRAPHQL_BLOCK.matcher(readme);
        while (blocks.find()) {
            // A block may hold several operations separated by blank lines.
            for (String operation : blocks.group(1).split("\\n\\s*\\n")) {
                if (!operation.isBlank()) {
                    operations.add(operation.trim());
                }
            }
        }
        Matcher inCode = JS_QUERY.matcher(readme);
        while (inCode.find()) {
            operations.add(inCode.group(1));
        }
        return operations.stream();
    }

    @Test
    void theReadmeHasExamplesOfEveryKindOfOperation() throws IOException {
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
