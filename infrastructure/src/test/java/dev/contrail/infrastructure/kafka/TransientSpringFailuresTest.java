package dev.contrail.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.kafka.TransientFailures;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Spring's transaction failures as {@link TransientFailures} sees them (it knows them by name only). Found by
 * {@code TransientOutageIT}: a terminated backend made a batch's rollback fail with "Connection is closed" (no SQLState),
 * which was taken for the record's fault and stopped the flight-tracks generation.
 */
class TransientSpringFailuresTest {

    @Test
    void aRollbackOrCommitThatFailedOnItsConnectionIsTransient() {
        assertThat(TransientFailures.isTransient(
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))).isTrue();
        assertThat(TransientFailures.isTransient(
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction"))).isTrue();
    }

    @Test
    void aRecordTheDatabaseRefusesIsStillNotTransient() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("value too long", "22001")))).isFalse();
    }
}
