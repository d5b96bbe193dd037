package dev.contrail.api.queries;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read side's connections (ADR 0027): a pool apart from the command side's, so that queries cannot take the
 * connections the event store and the projections need, and statements bounded in time.
 *
 * @param statementTimeout  PostgreSQL {@code statement_timeout} of every query statement (waiting for locks included)
 * @param poolSize          connections of the query pool
 * @param connectionTimeout how long a query waits for a free connection of the pool before it fails
 */
@ConfigurationProperties("contrail.api.queries")
public record QueryDatabaseProperties(@DefaultValue("5s") Duration statementTimeout,
                                      @DefaultValue("10") int poolSize,
                                      @DefaultValue("5s") Duration connectionTimeout) {
}
