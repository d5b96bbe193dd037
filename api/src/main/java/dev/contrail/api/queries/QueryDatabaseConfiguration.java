package dev.contrail.api.queries;

import com.zaxxer.hikari.HikariDataSource;
import dev.contrail.readmodels.projection.QuerySide;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jpa.EntityManagerFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two pools on the same database (ADR 0027). The command side keeps Boot's {@code spring.datasource} pool: Axon's
 * event and token stores, Flyway, the projection registry; the projections' writers have their generations' pools
 * (ADR 0010). The read side gets {@code contrail-queries}: the {@link QuerySide} JDBC template of the read models'
 * query beans and the JPA repositories, whose connections read the public views of the serving generations (so a
 * switch-over is seen by the next statement, as before), are read-only, and cancel any statement that runs longer than
 * {@code contrail.api.queries.statement-timeout}.
 *
 * <p>The query beans are not default candidates: whatever asks for a {@code DataSource} or a JDBC template by type
 * alone still gets the command side's, and Boot's auto-configuration does not back off. The command side's
 * transaction manager is declared here as a plain JDBC one (Boot would otherwise make the JPA one, now on the query
 * pool, the transaction manager of Axon's units of work).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryDatabaseProperties.class)
public class QueryDatabaseConfiguration {

    /**
     * The query beans' and the JPA repositories' transactions, on the query pool: a JPA one, which binds the pool's JDBC
     * connection too, so that a {@code @Transactional} query bean's statements share one transaction.
     */
    public static final String QUERY_TRANSACTION_MANAGER = QuerySide.TRANSACTION_MANAGER;

    /** Where the read models' JPA entities are. */
    public static final String READ_MODELS = "dev.contrail.readmodels";

    @Bean(defaultCandidate = false)
    @QuerySide
    HikariDataSource queryDataSource(DataSourceProperties connection, QueryDatabaseProperties queries) {
        HikariDataSource pool = connection.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("contrail-queries");
        pool.setMaximumPoolSize(queries.poolSize());
        pool.setMinimumIdle(Math.min(2, queries.poolSize()));
        pool.setConnectionTimeout(Math.max(250, queries.connectionTimeout().toMillis()));
        pool.setConnectionInitSql("SET statement_timeout = " + Math.max(1, queries.statementTimeout().toMillis())
                + "; SET default_transaction_read_only = on");
        return pool;
    }

    @Bean(defaultCandidate = false)
    @QuerySide
    NamedParameterJdbcTemplate queryJdbcTemplate(@QuerySide DataSource queries) {
        return new NamedParameterJdbcTemplate(queries);
    }

    /** The JPA repositories (flight history, tracks, emergencies) read through the query pool. */
    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(EntityManagerFactoryBuilder builder, @QuerySide DataSource queries) {
        return builder.dataSource(queries).packages(READ_MODELS).build();
    }

    @Bean(name = QUERY_TRANSACTION_MANAGER, defaultCandidate = false)
    PlatformTransactionManager queryTransactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    /** The command side's transactions (Axon's units of work among them), on {@code spring.datasource}. */
    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource commandSide) {
        return new JdbcTransactionManager(commandSide);
    }
}
