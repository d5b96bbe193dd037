package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.JdbcBatches;
import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The traffic-stats projection: Flight Tracking's full-rate observation stream → what each aircraft did in each
 * minute it was heard ({@code traffic_minute}), from which {@link TrafficStatsQueries} computes the dashboard's
 * statistics over any window at query time.
 *
 * <p>Why per-aircraft minutes and not statistics per window computed in the stream: the window is the caller's
 * choice (one minute to a day), and the statistics do not add up across windows — an aircraft heard in five
 * consecutive minutes is one aircraft, not five, and the fastest of an hour is not the sum of the fastest of each
 * minute unless each aircraft's own maximum is kept. Keeping one row per aircraft and minute keeps exactly what is
 * needed to compute distinct counts, maxima and the latest state over any run of whole minutes. It also makes
 * every write idempotent (maxima and "newer wins" are), where windowed counts in the stream would count a
 * redelivered observation twice. Why not the latest state of each aircraft: "fastest in the last hour" and
 * "highest in the last hour" need each aircraft's maxima over the hour, not its last report.
 *
 * <p>Minutes older than {@link #RETENTION} are never asked for: observations that old are not recorded, and a
 * wall-clock punctuation forgets such minutes every {@link #FORGET_EVERY}. Rebuilding replays the observation
 * topic (7 days' retention, ADR 0005), more than any window needs.
 */
public final class TrafficStatsProjection {

    public static final String NAME = "traffic-stats";
    public static final int VERSION = 1;

    /** The longest window, and an hour more so that a window ending now never reaches a forgotten minute. */
    public static final Duration RETENTION = TrafficStatsQueries.LONGEST_WINDOW.plusHours(1);
    static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    /** Observations are staged and written in batches (ADR 0020), at the latest this often. */
    static final Duration FLUSH_EVERY = Duration.ofMillis(100);

    private TrafficStatsProjection() {
    }

    /**
     * Observations are staged and written in batches (ADR 0020): when {@value JdbcBatches#SIZE} are staged, at the
     * latest every {@link #FLUSH_EVERY}, and before Kafka Streams commits offsets — for which the caller registers
     * {@code writer} with the generation ({@code ProjectionGeneration#batching}).
     */
    public static void addTo(StreamsBuilder builder, TrafficMinuteWriter writer) {
        builder.stream(Topics.FLIGHT_TRACKING_OBSERVATIONS,
                        Consumed.with(Serdes.String(), AvroSerde.of(AircraftObservation.class)).withName("flight-tracking-observations"))
                .filter((icao24, observation) -> observation != null, Named.as("skip-tombstones"))
                .process(() -> new RecordTrafficMinute(writer), Named.as("record-traffic-minute"));
    }

    /** The first minute still kept at this wall-clock time. */
    static Instant horizon(long wallClockMillis) {
        return TrafficStats.minuteOf(Instant.ofEpochMilli(wallClockMillis).minus(RETENTION));
    }

    private static final class RecordTrafficMinute implements Processor<String, AircraftObservation, Void, Void> {

        private final TrafficMinuteWriter writer;
        private ProcessorContext<Void, Void> context;

        RecordTrafficMinute(TrafficMinuteWriter writer) {
            this.writer = writer;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            // Each task (partition) schedules its own; the DELETE is idempotent, so a few per minute cost next to nothing.
            context.schedule(FLUSH_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> writer.flush());
            context.schedule(FORGET_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> {
                writer.flush();
                writer.forgetBefore(horizon(now));
            });
        }

        @Override
        public void process(Record<String, AircraftObservation> record) {
            // An observation older than the horizon would recreate a minute the punctuation forgets: a replay of the
            // whole topic, or a redelivery, must leave the table as it was.
            if (!TrafficStats.minuteOf(record.value().getObservedAt()).isBefore(horizon(context.currentSystemTimeMs()))) {
                writer.stage(record.value(), SourceRecord.of(context));
            }
        }
    }
}
