package dev.contrail.projections;

import com.zaxxer.hikari.HikariDataSource;
import dev.contrail.readmodels.projection.ProjectionDefinition;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL side of generations (ADR 0010): a schema per generation holding the projection's tables, views in
 * {@code public} naming the serving generation's tables, and the switch of those views in one transaction.
 */
class GenerationSchemas {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final Supplier<HikariDataSource> pools;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int poolSize;

    GenerationSchemas(DataSource dataSource, Supplier<HikariDataSource> pools, int poolSize) {
        this.dataSource = dataSource;
        this.pools = pools;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.poolSize = poolSize;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    TransactionTemplate transaction() {
        return transaction;
    }

    /** E.g. {@code proj_live_flights_g3}. */
    static String schemaName(String projection, int generation) {
        return identifier("proj_" + projection.replace('-', '_') + "_g" + generation);
    }

    /** Creates the generation's schema and, in it, the projection's tables from its script. */
    void create(ProjectionDefinition definition, String schema) {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + identifier(schema));
        try (HikariDataSource generation = dataSource(schema, definition.name() + "-ddl", true)) {
            new ResourceDatabasePopulator(new ClassPathResource(definition.schemaScript())).execute(generation);
        }
    }

    /**
     * A small pool for a generation, durable or not, whose connections see the generation's schema first: the
     * projection's writers use unqualified names. A rebuilding generation's commits need not wait for the disk
     * ({@code synchronous_commit = off}): a crash may lose its last few hundred milliseconds of writes, but a rebuild a
     * crash interrupts is discarded anyway (ADR 0010). Its write-ahead log is still written in order, so what it has
     * committed is consistent. A serving generation's commits are durable: Kafka offsets follow them.
     */
    HikariDataSource dataSource(String schema, String name, boolean durable) {
        HikariDataSource pool = pools.get();
        pool.setSchema(identifier(schema));
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(10_000);
        pool.setPoolName("projection-" + name + (durable ? "" : "-rebuild"));
        if (!durable) {
            pool.setConnectionInitSql("SET synchronous_commit = off");
        }
        return pool;
    }

    /** Points the views of the projection's tables at the schema. Call within {@link #transaction()} to be atomic. */
    void pointViewsAt(ProjectionDefinition definition, String schema) {
        for (String table : definition.tables()) {
            jdbc.execute("DROP VIEW IF EXISTS public." + identifier(table));
            jdbc.execute("CREATE VIEW public." + identifier(table) + " AS SELECT * FROM " + identifier(schema) + "." + identifier(table));
        }
    }

    boolean exists(String schema) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = ?)", Boolean.class, schema));
    }

    /** Drops a generation's schema and its tables; waits for queries still reading them through an old view. */
    void drop(String schema) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + identifier(schema) + " CASCADE");
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }
}
