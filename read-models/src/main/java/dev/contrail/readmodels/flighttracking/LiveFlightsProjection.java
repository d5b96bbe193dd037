package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.readmodels.projection.StagedWrites;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The live-flights projection: the current state of each aircraft in PostgreSQL, and each change to the subscribers.
 * It reads two topics, both keyed by icao24:
 * <ul>
 *   <li>{@code flight-tracking.observations}, the full-rate observation stream, for where the aircraft is and how it
 *       moves (the domain samples positions, ADR 0007, so its events alone would show aircraft up to 30 s late);</li>
 *   <li>{@code flight-tracking.events}, Flight Tracking's integration events, for what its flight is: id, callsign,
 *       squawk, emergency, take-off, landing, loss.</li>
 * </ul>
 * Both are merged into one sub-topology, so partition p of both topics is one task on one thread: an aircraft's
 * records reach the writer in order. The writer makes the result independent of how the two topics interleave, and
 * idempotent (see {@link LiveFlightWriter}), so a redelivered record changes nothing and notifies nobody.
 *
 * <p>Records are staged and written in batches (ADR 0020): at the latest every {@value #FLUSH_EVERY_MS} ms while the
 * projection serves, or when {@value #LIVE_BATCH} rows are staged; while a generation rebuilds, in batches of up
 * to {@value #REBUILD_BATCH} rows at least every {@value #REBUILD_FLUSH_EVERY_MS} ms. Before Kafka Streams commits
 * offsets, what is staged is written (the generation registers the batch with its {@code FlushBeforeCommit}), so no
 * committed record is left unwritten. After each batch the subscribers hear each aircraft it changed, once, as it is
 * then: the latest state, which is what a live map shows.
 */
public final class LiveFlightsProjection {

    public static final String NAME = "live-flights";
    /** While serving: the longest a record waits before it is written and announced. */
    static final long FLUSH_EVERY_MS = 20;
    static final int LIVE_BATCH = 1_000;
    /**
     * While rebuilding: a second of the topics at a time, at most this many rows. Observations conflate per aircraft
     * within a batch, and a rebuild reads each aircraft's observations many times a second: the longer the batch, the
     * fewer rows it writes.
     */
    static final long REBUILD_FLUSH_EVERY_MS = 1_000;
    static final int REBUILD_BATCH = 50_000;
    /** 2: observations as well as events; phase, emergency, landmarks and loss (V2_2). */
    public static final int VERSION = 2;

    private LiveFlightsProjection() {
    }

    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<LiveFlight> changes) {
        addTo(builder, writer, changes, (source, freshness) -> { });
    }

    /**
     * @param freshness told, after each change is written and handed to the subscribers, how long ago the newest
     *                  record behind it entered Kafka: an observation keeps the timestamp of the raw state vector it
     *                  was refined from, so for observations this is raw topic → read model; for events, event
     *                  applied → read model
     */
    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<LiveFlight> changes,
                             BiConsumer<String, Duration> freshness) {
        addTo(builder, writer, (List<LiveFlight> batch) -> batch.forEach(changes), freshness, batch -> () -> false);
    }

    /**
     * @param changes  told, after each batch is written, the aircraft it changed, each once, as they are now
     * @param batching given the topology's batch (to flush before each offset commit, and before a switch-over),
     *                 returns whether it may write in the large batches of a rebuild: while a generation rebuilds and
     *                 tells no subscriber (ADR 0010)
     */
    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<List<LiveFlight>> changes,
                             BiConsumer<String, Duration> freshness, Function<StagedWrites, BooleanSupplier> batching) {
        var batch = new Batch(writer, changes, freshness);
        batch.rebuilding = batching.apply(batch);
        KStream<String, SpecificRecord> observations = builder.stream(Topics.FLIGHT_TRACKING_OBSERVATIONS,
                        Consumed.with(Serdes.String(), AvroSerde.of(AircraftObservation.class)).withName("flight-tracking-observations"))
                .filter((icao24, observation) -> observation != null, Named.as("skip-observation-tombstones"))
                .mapValues(observation -> (SpecificRecord) observation, Named.as("as-observation"));
        KStream<String, SpecificRecord> events = builder.stream(Topics.FLIGHT_TRACKING_EVENTS,
                        Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class)).withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null, Named.as("skip-event-tombstones"))
                .mapValues(event -> (SpecificRecord) event, Named.as("as-event"));
        observations.merge(events, Named.as("observations-and-events"))
                .process(() -> new Stage(batch), Named.as("upsert-live-flight"));
    }

    /** Stages each record in the topology's batch, and has it written when it is full or old enough. */
    private static final class Stage implements Processor<String, SpecificRecord, Void, Void> {
        private final Batch batch;
        private ProcessorContext<Void, Void> context;

        Stage(Batch batch) {
            this.batch = batch;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            context.schedule(Duration.ofMillis(FLUSH_EVERY_MS), PunctuationType.WALL_CLOCK_TIME, batch::flushIfDue);
        }

        @Override
        public void process(Record<String, SpecificRecord> record) {
            long now = context.currentSystemTimeMs();
            batch.stage(record.value(), SourceRecord.of(context), record.timestamp(), now);
            batch.flushIfDue(now);
        }
    }

    /**
     * What the topology's tasks have staged, and what to tell once it is written. One per topology, shared by its
     * tasks; flushed from the stream thread, and from whichever thread commits or switches generations over.
     */
    private static final class Batch implements StagedWrites {
        private final LiveFlightWriter writer;
        private final Consumer<List<LiveFlight>> changes;
        private final BiConsumer<String, Duration> freshness;
        volatile BooleanSupplier rebuilding = () -> false;
        // Per aircraft staged: where its newest record came from and when it entered Kafka. Guarded by this.
        private final Map<String, Origin> origins = new HashMap<>();
        private long firstStagedAt = -1;

        private record Origin(String source, long timestamp) {
        }

        Batch(LiveFlightWriter writer, Consumer<List<LiveFlight>> changes, BiConsumer<String, Duration> freshness) {
            this.writer = writer;
            this.changes = changes;
            this.freshness = freshness;
        }

        synchronized void stage(SpecificRecord record, SourceRecord sourceRecord, long timestamp, long now) {
            String icao24;
            String source;
            if (record instanceof AircraftObservation observation) {
                writer.stage(observation, sourceRecord);
                icao24 = observation.getIcao24();
                source = "observation";
            } else {
                FlightTrackingEvent event = (FlightTrackingEvent) record;
                writer.stage(event, sourceRecord);
                icao24 = event.getIcao24();
                source = "event";
            }
            origins.merge(icao24, new Origin(source, timestamp), (staged, next) -> next.timestamp() >= staged.timestamp() ? next : staged);
            if (firstStagedAt < 0) {
                firstStagedAt = now;
            }
        }

        synchronized void flushIfDue(long now) {
            if (firstStagedAt < 0) {
                return;
            }
            boolean bulk = rebuilding.getAsBoolean();
            if (writer.staged() >= (bulk ? REBUILD_BATCH : LIVE_BATCH) || now - firstStagedAt >= (bulk ? REBUILD_FLUSH_EVERY_MS : FLUSH_EVERY_MS)) {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            if (firstStagedAt < 0) {
                return;
            }
            if (rebuilding.getAsBoolean()) {
                writer.flush(); // nobody to tell
            } else {
                List<LiveFlight> changed = writer.flushChanges();
                changes.accept(changed);
                long now = System.currentTimeMillis();
                for (LiveFlight flight : changed) {
                    Origin origin = origins.get(flight.icao24());
                    if (origin != null) {
                        freshness.accept(origin.source(), Duration.ofMillis(Math.max(0, now - origin.timestamp())));
                    }
                }
            }
            origins.clear();
            firstStagedAt = -1;
        }

        @Override
        public synchronized int staged() {
            return writer.staged();
        }
    }
}
