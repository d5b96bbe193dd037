package dev.contrail.infrastructure.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Contrail keeps what (ADR 0028), under {@code contrail.retention.*}. The rule: every topic a rebuild reads
 * keeps at least the history its read models promise, so that a rebuild, once the purge has run, holds exactly what
 * the serving generation holds. The event topics keep everything ({@code retention.ms=-1}: the published log of an
 * event-sourced system); the observation topics keep {@code observations}, which must be at least
 * {@code track-points}, the history of the flight tracks built from them.
 *
 * @param observations  retention of {@code opensky.state-vectors} and {@code flight-tracking.observations}
 * @param trackPoints   track points older than this are purged from the flight tracks
 * @param hourlyCounts  hourly counts (airspace entries, airport movements per hour) older than this are purged
 * @param deadLetters   retention of {@code contrail.dead-letters}
 * @param purgeInterval how often the purge runs (first one a minute after start); zero or negative: never
 * @param purgeBatch    rows deleted per statement, so that a purge never holds long locks
 */
@ConfigurationProperties("contrail.retention")
public record RetentionProperties(
        @DefaultValue("8d") Duration observations,
        @DefaultValue("7d") Duration trackPoints,
        @DefaultValue("90d") Duration hourlyCounts,
        @DefaultValue("7d") Duration deadLetters,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("10000") int purgeBatch) {

    public RetentionProperties {
        if (trackPoints.isNegative() || trackPoints.isZero() || hourlyCounts.isNegative() || hourlyCounts.isZero()) {
            throw new IllegalArgumentException("contrail.retention.track-points and hourly-counts must be positive");
        }
        if (observations.compareTo(trackPoints) < 0) {
            throw new IllegalArgumentException("contrail.retention.observations (" + observations + ") must be at least "
                    + "contrail.retention.track-points (" + trackPoints + "): a rebuild of the flight tracks reads the observation "
                    + "topic, and would lose the track points it no longer holds (ADR 0028)");
        }
        if (deadLetters.isNegative() || deadLetters.isZero()) {
            throw new IllegalArgumentException("contrail.retention.dead-letters must be positive, was " + deadLetters);
        }
        if (purgeBatch < 1) {
            throw new IllegalArgumentException("contrail.retention.purge-batch must be at least 1, was " + purgeBatch);
        }
    }

    public static RetentionProperties defaults() {
        return new RetentionProperties(Duration.ofDays(8), Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(7), Duration.ofHours(1), 10_000);
    }
}
