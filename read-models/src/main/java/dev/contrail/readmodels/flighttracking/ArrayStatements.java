package dev.contrail.readmodels.flighttracking;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Multi-row statements whose parameters are one array per column, {@code unnest}ed into rows by PostgreSQL
 * ({@code INSERT ... SELECT ... FROM unnest(?::varchar[], ?::float8[], ...)}, ADR 0030): one statement, one plan and
 * one round trip for a whole batch, where a JDBC batch executes the statement once per row.
 */
final class ArrayStatements {

    /** Epoch microseconds as a {@code timestamptz}, exactly (null stays null); format with the column. */
    static final String AT = "timestamptz 'epoch' + %s * interval '1 microsecond'";

    /** One column's values, and the PostgreSQL name of its element type. */
    record Column(String type, Object[] values) {
    }

    private ArrayStatements() {
    }

    /** A {@code varchar} (or {@code text}: {@code type}) column of one value per row. */
    static <R> Column text(String type, List<R> rows, Function<? super R, String> value) {
        return column(type, rows, value, String[]::new);
    }

    static <R> Column int8(List<R> rows, Function<? super R, Long> value) {
        return column("int8", rows, value, Long[]::new);
    }

    /** Instants as epoch microseconds ({@code int8}), which the statement turns into {@code timestamptz} with {@link #AT}. */
    static <R> Column timestamps(List<R> rows, Function<? super R, Instant> value) {
        return column("int8", rows, value.andThen(ArrayStatements::micros), Long[]::new);
    }

    static <R> Column float8(List<R> rows, Function<? super R, Double> value) {
        return column("float8", rows, value, Double[]::new);
    }

    static <R> Column bool(List<R> rows, Function<? super R, Boolean> value) {
        return column("bool", rows, value, Boolean[]::new);
    }

    private static <R, T> Column column(String type, List<R> rows, Function<? super R, T> value, IntFunction<T[]> array) {
        T[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return new Column(type, values);
    }

    /** Runs the statement; returns the rows it changed. */
    static int update(JdbcTemplate jdbc, String sql, Column... columns) {
        return jdbc.update(creator(sql, columns));
    }

    /** Runs a statement that returns rows ({@code RETURNING}), handing each to {@code rows}. */
    static void query(JdbcTemplate jdbc, String sql, RowCallbackHandler rows, Column... columns) {
        jdbc.query(creator(sql, columns), rows);
    }

    /** Microseconds since the epoch, PostgreSQL's resolution; null stays null. */
    private static Long micros(Instant instant) {
        return instant == null ? null : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static PreparedStatementCreator creator(String sql, Column... columns) {
        return connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < columns.length; i++) {
                statement.setArray(i + 1, connection.createArrayOf(columns[i].type(), columns[i].values()));
            }
            return statement;
        };
    }
}
