package dev.contrail.readmodels.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes staged by a projection writer (ADR 0020): parameters gathered per statement
 * and sent as one JDBC batch per statement, all in one transaction — a round trip per batch instead of one per
 * record. Statements run in the order given to the constructor, each batch in the order its records were staged;
 * a writer whose statements must interleave record by record cannot use this. Written at the latest when
 * {@value #SIZE} records have gathered. Thread-safe.
 *
 * <p>A batch that fails while the database is briefly away is tried again, backing off; one whose data the database
 * refuses is written row by row, and the record behind each refused row goes to {@link RejectedRecords} (ADR 0025).
 */
public final class JdbcBatches implements StagedWrites {

    /** Staged records are written at the latest when this many have gathered. */
    public static final int SIZE = 2000;

    private record Row(String statement, MapSqlParameterSource parameters, SourceRecord source) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RejectedRecords rejected;
    // Guarded by this: statement → its staged rows, in the statements' order.
    private final Map<String, List<Row>> staged = new LinkedHashMap<>();
    private int count;

    public JdbcBatches(NamedParameterJdbcTemplate jdbc, String... statements) {
        this(jdbc, RejectedRecords.NONE, statements);
    }

    public JdbcBatches(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected, String... statements) {
        this.jdbc = jdbc;
        this.rejected = rejected;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
        for (String statement : statements) {
            staged.put(statement, new ArrayList<>());
        }
    }

    /** Stages one execution of a statement given to the constructor. */
    public void stage(String statement, MapSqlParameterSource parameters) {
        stage(statement, parameters, null);
    }

    /** Stages one execution of a statement given to the constructor, for the record {@code source}. */
    public synchronized void stage(String statement, MapSqlParameterSource parameters, SourceRecord source) {
        List<Row> batch = staged.get(statement);
        if (batch == null) {
            throw new IllegalArgumentException("Not a statement of this batch: " + statement);
        }
        batch.add(new Row(statement, parameters, source));
        if (++count >= SIZE) {
            flush();
        }
    }

    @Override
    public synchronized int staged() {
        return count;
    }

    @Override
    public synchronized void flush() {
        if (count == 0) {
            return;
        }
        List<Row> rows = staged.values().stream().flatMap(List::stream).toList();
        RowByRow.write("batch of " + count + " rows", () -> transaction.executeWithoutResult(status -> staged.forEach((statement, batch) -> {
            if (!batch.isEmpty()) {
                jdbc.batchUpdate(statement, batch.stream().map(Row::parameters).toArray(MapSqlParameterSource[]::new));
            }
        })), rows, row -> jdbc.update(row.statement(), row.parameters()), Row::source, rejected);
        staged.values().forEach(List::clear);
        count = 0;
    }
}
