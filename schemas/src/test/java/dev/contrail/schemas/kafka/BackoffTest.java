package dev.contrail.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(8), Duration.ofSeconds(5));

    @Test
    void transientFailuresAreTriedAgainUntilTheySucceed() {
        AtomicInteger calls = new AtomicInteger();
        String result = backoff.call("write", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new IllegalStateException("flush failed", new SQLException("terminating connection due to administrator command", "57P01"));
            }
            return "written";
        });
        assertThat(result).isEqualTo("written");
        assertThat(calls).hasValue(4);
    }

    @Test
    void aPermanentFailureIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> backoff.run("write", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("batch refused", new SQLException("value too long for type character varying(8)", "22001"));
        })).hasMessage("batch refused");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTransientFailureThatOutlastsTheWindowIsThrown() {
        var short_ = new Backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(300));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> short_.run("write", () -> {
            calls.incrementAndGet();
            throw new RuntimeException(new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"));
        })).hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        assertThat(calls.get()).isBetween(1, 100); // gave up, rather than trying forever
    }

    @Test
    void waitsGrowExponentiallyWithJitterUpToTheMaximum() {
        var standard = Backoff.standard();
        for (int attempt = 0; attempt < 40; attempt++) {
            long ceiling = Math.min(100L << Math.min(attempt, 20), 30_000);
            assertThat(standard.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void sqlStatesOfConnectionRollbackResourcesAndOperatorInterventionAreTransientDataErrorsAreNot() {
        assertThat(TransientFailures.isTransient(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("canceling statement due to statement timeout", "57014"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("value too long", "22001"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("icao24 must be 6 hexadecimal digits"))).isFalse();
        assertThat(TransientFailures.isDataError(new RuntimeException(new SQLException("value too long", "22001")))).isTrue();
        assertThat(TransientFailures.isDataError(new SQLException("null value in column", "23502"))).isTrue();
        assertThat(TransientFailures.isDataError(new SQLException("relation does not exist", "42P01"))).isFalse();
    }
}
