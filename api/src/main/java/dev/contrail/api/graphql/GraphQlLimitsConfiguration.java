package dev.contrail.api.graphql;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.ParserOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;

/**
 * The bounds of {@link GraphQlLimits} as graphql-java instrumentations (Spring for GraphQL chains every
 * {@link Instrumentation} bean): the parser's token and character limits, depth and complexity (graphql-java's own
 * instrumentations), and aliases (counted here). Each limit answers a {@code BAD_REQUEST} GraphQL error whose message
 * names the limit and its property, with {@code extensions.limit}, {@code maximum} and {@code actual}; nothing is
 * fetched. They apply alike over HTTP, SSE and the WebSocket.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlLimits.class)
public class GraphQlLimitsConfiguration {

    private static final String PROPERTY = "contrail.api.graphql.";

    @Bean
    @Order(0)
    Instrumentation graphQlDocumentLimits(GraphQlLimits limits) {
        return new DocumentLimits(limits);
    }

    @Bean
    @Order(1)
    Instrumentation graphQlDepthLimit(GraphQlLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return limitExceeded("max-depth", "Query depth", depth, maxDepth);
            }
        };
    }

    @Bean
    @Order(2)
    Instrumentation graphQlComplexityLimit(GraphQlLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity()) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return limitExceeded("max-complexity", "Query complexity (fields, fragments expanded)", complexity, maxComplexity);
            }
        };
    }

    /** The error a request above a limit gets, instead of any data. */
    static AbortExecutionException limitExceeded(String limit, String what, int actual, int maximum) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("limit", limit);
        extensions.put("maximum", maximum);
        extensions.put("actual", actual);
        GraphQLError error = GraphqlErrorBuilder.newError()
                .errorType(ErrorType.BAD_REQUEST)
                .message("%s %d is above the limit of %d (%s%s)", what, actual, maximum, PROPERTY, limit)
                .extensions(extensions)
                .build();
        return new AbortExecutionException(List.of(error));
    }

    /**
     * The document's size, bounded while it is parsed (graphql-java's {@link ParserOptions}: a document above them is
     * an {@code InvalidSyntax} error that says which bound it crossed, before it is even fully read), and its aliases.
     */
    static final class DocumentLimits extends SimplePerformantInstrumentation {

        private final GraphQlLimits limits;
        private final ParserOptions parserOptions;

        DocumentLimits(GraphQlLimits limits) {
            this.limits = limits;
            this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                    .maxTokens(limits.maxTokens())
                    .maxCharacters(limits.maxCharacters()));
        }

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput, InstrumentationExecutionParameters parameters,
                                                       InstrumentationState state) {
            executionInput.getGraphQLContext().put(ParserOptions.class, parserOptions);
            return executionInput;
        }

        @Override
        public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                                     InstrumentationState state) {
            int aliases = aliases(parameters.getExecutionContext().getDocument());
            if (aliases > limits.maxAliases()) {
                throw limitExceeded("max-aliases", "Aliased fields", aliases, limits.maxAliases());
            }
            return super.beginExecuteOperation(parameters, state);
        }

        static int aliases(Document document) {
            int aliases = 0;
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof OperationDefinition operation) {
                    aliases += aliases(operation.getSelectionSet());
                } else if (definition instanceof FragmentDefinition fragment) {
                    aliases += aliases(fragment.getSelectionSet());
                }
            }
            return aliases;
        }

        private static int aliases(SelectionSet selections) {
            if (selections == null) {
                return 0;
            }
            int aliases = 0;
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    aliases += (field.getAlias() == null ? 0 : 1) + aliases(field.getSelectionSet());
                } else if (selection instanceof InlineFragment fragment) {
                    aliases += aliases(fragment.getSelectionSet());
                }
            }
            return aliases;
        }
    }
}
