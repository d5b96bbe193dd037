package dev.contrail.projections;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * A generation's connections: first its rebuild pool, then, from its switch-over on, a durable one (see
 * {@link GenerationSchemas#dataSource(String, String, boolean)}). A statement already running on the rebuild pool
 * finishes there; every connection asked for after the switch comes from the durable pool.
 */
final class GenerationDataSource extends AbstractDataSource implements AutoCloseable {

    private final List<HikariDataSource> pools = new ArrayList<>(2);
    private volatile HikariDataSource current;

    GenerationDataSource(HikariDataSource pool) {
        this.current = pool;
        pools.add(pool);
    }

    synchronized void useDurable(HikariDataSource durable) {
        pools.add(durable);
        current = durable;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current.getConnection(username, password);
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
    }
}
