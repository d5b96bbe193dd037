package dev.contrail.api.graphql;

import dev.contrail.api.projections.ReplayConflictException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Turns a rejected argument into a GraphQL error that says what is wrong, with the argument's name in
 * {@code extensions.argument}. Anything else stays Spring's generic INTERNAL_ERROR, which carries no stack
 * trace or exception text to the client. An operation the state of a projection does not allow (a second rebuild
 * while one runs) is a BAD_REQUEST that says why.
 */
@Component
public class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        if (failure instanceof InvalidArgumentException invalid) {
            return GraphqlErrorBuilder.newError(environment)
                    .errorType(ErrorType.BAD_REQUEST)
                    .message(invalid.getMessage())
                    .extensions(Map.of("argument", invalid.argument()))
                    .build();
        }
        if (failure instanceof ReplayConflictException conflict) {
            return GraphqlErrorBuilder.newError(environment)
                    .errorType(ErrorType.BAD_REQUEST)
                    .message(conflict.getMessage())
                    .build();
        }
        return null;
    }
}
