package dev.contrail.readmodels.projection;

import dev.contrail.schemas.kafka.Backoff;
import dev.contrail.schemas.kafka.TransientFailures;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a projection writer writes what it staged (ADR 0025): the whole batch in one transaction, trying again while the
 * database is briefly away ({@link Backoff}); if the database refuses the data of the batch for good (a value too long
 * for its column, a check), row by row, each row on its own, so that the rows it accepts are written and each row it
 * refuses is dead-lettered as the record it came from ({@link RejectedRecords}). Any other failure is thrown: the
 * flush fails, and no offset behind it is committed.
 */
public final class RowByRow {

    private static final Logger log = LoggerFactory.getLogger(RowByRow.class);

    private RowByRow() {
    }

    /**
     * @param what     names the batch in logs, e.g. {@code "live-flights batch"}
     * @param batch    writes every row in one transaction
     * @param rows     the rows staged, in the order to write them one at a time
     * @param write    writes one row on its own
     * @param sourceOf the record a row came from, or null if unknown (then a refused row fails the flush)
     */
    public static <T> void write(String what, Runnable batch, List<T> rows, Consumer<T> write, Function<T, SourceRecord> sourceOf,
                                 RejectedRecords rejected) {
        Backoff backoff = Backoff.standard();
        try {
            backoff.run(what, batch);
            return;
        } catch (RuntimeException failure) {
            if (!TransientFailures.isDataError(failure)) {
                throw failure;
            }
            log.warn("A {} of {} rows was refused ({}); writing it row by row", what, rows.size(), TransientFailures.describe(failure));
        }
        for (T row : rows) {
            try {
                backoff.run(what + " row", () -> write.accept(row));
            } catch (RuntimeException failure) {
                SourceRecord source = sourceOf.apply(row);
                if (!TransientFailures.isDataError(failure) || source == null) {
                    throw failure;
                }
                rejected.reject(source, TransientFailures.describe(failure));
            }
        }
    }
}
