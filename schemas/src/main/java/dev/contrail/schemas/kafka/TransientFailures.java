package dev.contrail.schemas.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a transient failure — the database or the command bus briefly unavailable, which trying again later cures —
 * from a permanent one, which no retry cures: a record the read model or the domain rejects (ADR 0025).
 *
 * <p>Transient: anything in the cause chain that is a {@link SQLTransientException} or {@link SQLRecoverableException},
 * an {@link SQLException} whose SQLState is of class 08 (connection exception), 40 (transaction rollback, e.g.
 * serialization failure or deadlock), 53 (insufficient resources), 57 (operator intervention: a terminated backend,
 * a cancelled statement, a database shutting down) or 55P03 (lock not available); and, by name so that this module
 * needs neither Spring nor Axon, Spring's {@code TransientDataAccessException}, {@code RecoverableDataAccessException},
 * {@code CannotGetJdbcConnectionException}, {@code QueryTimeoutException}, {@code TransactionSystemException} (a commit or
 * rollback that failed, e.g. "JDBC rollback failed: Connection is closed" when the database terminated the backend) and
 * {@code CannotCreateTransactionException}, and Axon's {@code AxonTransientException}; and a schema registry out of reach
 * ({@link SchemaRegistry.RegistryUnavailableException}, ADR 0037).
 * Everything else is permanent.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.springframework.dao.QueryTimeoutException",
            // A commit or rollback that failed: the connection, not a record (a record's data errors fail its statement).
            "org.springframework.transaction.TransactionSystemException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.axonframework.common.AxonTransientException");

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything that caused it, is transient. */
    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SchemaRegistry.RegistryUnavailableException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientSqlState(sql.getSQLState())) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT_TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} is the database refusing the data itself — SQLState class 22 (data exception: a value
     * too long, out of range, malformed) or 23 (integrity constraint violation: a null, a check) — the kind of
     * permanent failure that one record causes and that writing the others without it cures.
     */
    public static boolean isDataError(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals("org.springframework.dao.DataIntegrityViolationException")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean transientSqlState(String sqlState) {
        return sqlState != null && sqlState.length() == 5
                && (TRANSIENT_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2)) || sqlState.equals("55P03"));
    }

    /**
     * A failure in words an operator can act on: its message, and the message of its root cause when that says more
     * (a JDBC batch's {@code value too long for type character varying(8)}, say). At most 2,000 characters.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
            root = root.getCause();
        }
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (root != failure && root.getMessage() != null && (failure.getMessage() == null || !failure.getMessage().contains(root.getMessage()))) {
            reason += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return reason.length() > 2_000 ? reason.substring(0, 2_000) : reason;
    }
}
