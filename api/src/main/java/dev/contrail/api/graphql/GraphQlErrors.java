package dev.contrail.api.graphql;

import dev.contrail.projections.ReplayConflictException;
import dev.contrail.api.queries.QueryDatabaseProperties;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Turns a rejected argument into a GraphQL error that says what is wrong, with the argument's name in
 * {@code extensions.argument}. Anything else stays Spring's generic INTERNAL_ERROR, which carries no stack
 * trace or exception text to the client. An operation the state of a projection does not allow (a second rebuild
 * while one runs) is a BAD_REQUEST that says why. A query the database cancelled at its statement timeout, or that
 * found no free connection of the query pool in time, is a {@code TIMEOUT} error that says which limit (ADR 0027).
 */
@Component
public class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    /** The classification of a query that took longer than the query side allows. */
    public static final ErrorClassification TIMEOUT = ErrorClassification.errorClassification("TIMEOUT");

    /** PostgreSQL's {@code query_canceled}, which a {@code statement_timeout} raises. */
    private static final String QUERY_CANCELED = "57014";

    private final QueryDatabaseProperties queries;

    public GraphQlErrors(QueryDatabaseProperties queries) {
        this.queries = queries;
    }

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
        if (statementTimedOut(failure)) {
            return GraphqlErrorBuilder.newError(environment)
                    .errorType(TIMEOUT)
                    .message("The query took longer than the statement timeout of %d ms (contrail.api.queries.statement-timeout) and was cancelled",
                            queries.statementTimeout().toMillis())
                    .extensions(Map.of("limit", "statement-timeout"))
                    .build();
        }
        if (failure instanceof CannotGetJdbcConnectionException) {
            return GraphqlErrorBuilder.newError(environment)
                    .errorType(TIMEOUT)
                    .message("No query connection was free within %d ms (contrail.api.queries.connection-timeout, pool-size %d); try again later",
                            queries.connectionTimeout().toMillis(), queries.poolSize())
                    .extensions(Map.of("limit", "connection-timeout"))
                    .build();
        }
        return null;
    }

    /** Through JDBC (Spring's translation) or JPA (Hibernate's, then Spring Data's): the cause chain ends in the same SQLState. */
    private static boolean statementTimedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof QueryTimeoutException
                    || cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
