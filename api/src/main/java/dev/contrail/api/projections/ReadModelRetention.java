package dev.contrail.api.projections;

import dev.contrail.infrastructure.kafka.RetentionProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Purges the read-model rows older than their retention (ADR 0028): track points after
 * {@code contrail.retention.track-points}, hourly counts (airspace entries, airport movements per hour) after
 * {@code contrail.retention.hourly-counts}. Runs every {@code purge-interval}, on the serving generations through the
 * public views, in batches of {@code purge-batch} rows per statement (each its own transaction), and counts the rows
 * it deleted in {@code contrail.retention.purged} (tag {@code table}).
 *
 * <p>The observation topic keeps at least as long as the track points (checked by {@link RetentionProperties}), so a
 * rebuild reads every point the serving generation holds, and perhaps some older ones, which the next purge removes.
 */
public class ReadModelRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRetention.class);
    private static final Duration FIRST_PURGE = Duration.ofMinutes(1);

    /** One table's retention: rows whose {@code timeColumn} is older than {@code keep} go; {@code key} identifies a row. */
    record Rule(String table, String timeColumn, List<String> key, Duration keep) {
    }

    private final JdbcTemplate jdbc;
    private final RetentionProperties retention;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<Rule> rules;
    private ScheduledExecutorService scheduler;

    public ReadModelRetention(JdbcTemplate jdbc, RetentionProperties retention, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.meters = meters;
        this.clock = clock;
        this.rules = List.of(
                new Rule("track_point", "observed_at", List.of("icao24", "observed_at"), retention.trackPoints()),
                new Rule("airspace_entries_hour", "hour", List.of("airspace_id", "source", "hour"), retention.hourlyCounts()),
                new Rule("airport_movement_hour", "hour", List.of("airport_ident", "hour"), retention.hourlyCounts()));
    }

    /** Deletes every row past its retention now; returns the rows deleted per table. */
    public synchronized Map<String, Long> purge() {
        Map<String, Long> purged = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Rule rule : rules) {
            if (!viewExists(rule.table())) {
                continue;
            }
            Timestamp before = Timestamp.from(now.minus(rule.keep()));
            String keys = String.join(", ", rule.key());
            // Through the view (a simple view, so PostgreSQL deletes from the serving generation's table), by key, a
            // batch per statement: no long transaction, no lock held for the whole purge.
            String delete = "DELETE FROM public." + rule.table() + " WHERE (" + keys + ") IN (SELECT " + keys + " FROM public."
                    + rule.table() + " WHERE " + rule.timeColumn() + " < ? LIMIT ?)";
            long total = 0;
            int deleted;
            do {
                deleted = jdbc.update(delete, before, retention.purgeBatch());
                total += deleted;
            } while (deleted >= retention.purgeBatch());
            Counter.builder("contrail.retention.purged").description("Read-model rows purged past their retention")
                    .tag("table", rule.table()).register(meters).increment(total);
            purged.put(rule.table(), total);
        }
        if (purged.values().stream().anyMatch(n -> n > 0)) {
            log.info("Purged read-model rows past their retention: {}", purged);
        }
        return purged;
    }

    private boolean viewExists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM information_schema.views WHERE table_schema = 'public' AND table_name = ?)", Boolean.class, table));
    }

    @Override
    public synchronized void start() {
        if (retention.purgeInterval().isNegative() || retention.purgeInterval().isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                purge();
            } catch (RuntimeException e) {
                log.warn("Read-model purge failed, tried again in {}: {}", retention.purgeInterval(), e.getMessage());
            }
        }, FIRST_PURGE.toMillis(), retention.purgeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
