package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 * records are written one at a time, and the subscribers see its changes in the order PostgreSQL made them.
 * The writer makes the result independent of how the two topics interleave, and idempotent (see
 * {@link LiveFlightWriter}), so a redelivered record changes nothing and notifies nobody.
 *
 * <p>The model holds nothing that the topics cannot give back. To rebuild it, bump {@link #VERSION} (a new
 * application.id, so the topics are read again from offset 0) in the same change as a migration that empties
 * {@code live_flight}.
 */
public final class LiveFlightsProjection {

    public static final String NAME = "live-flights";
    static final long FLUSH_EVERY_MS = 100;
    /** 2: observations as well as events; phase, emergency, landmarks and loss (V2_2). */
    public static final int VERSION = 2;

    private LiveFlightsProjection() {
    }

    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<LiveFlight> changes) {
        addTo(builder, writer, changes, (source, freshness) -> { });
    }

    /**
     * @param freshness told, after each change is written and handed to the subscribers, how long ago its record
     *                  entered Kafka: an observation keeps the timestamp of the raw state vector it was refined from, so
     *                  for observations this is raw topic → read model; for events, event applied → read model
     */
    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<LiveFlight> changes,
                             BiConsumer<String, Duration> freshness) {
        addTo(builder, writer, changes, freshness, () -> false);
    }

    /**
     * @param bulk whether records may be staged and written in batches (at the latest every
     *             {@value #FLUSH_EVERY_MS} ms): while a generation rebuilds and tells no subscriber (ADR 0010). Once it
     *             turns false, what is staged is written before the next record, which is then written on its own
     *             and handed to the subscribers.
     */
    public static void addTo(StreamsBuilder builder, LiveFlightWriter writer, Consumer<LiveFlight> changes,
                             BiConsumer<String, Duration> freshness, BooleanSupplier bulk) {
        KStream<String, SpecificRecord> observations = builder.stream(Topics.FLIGHT_TRACKING_OBSERVATIONS,
                        Consumed.with(Serdes.String(), AvroSerde.of(AircraftObservation.class)).withName("flight-tracking-observations"))
                .filter((icao24, observation) -> observation != null, Named.as("skip-observation-tombstones"))
                .mapValues(observation -> (SpecificRecord) observation, Named.as("as-observation"));
        KStream<String, SpecificRecord> events = builder.stream(Topics.FLIGHT_TRACKING_EVENTS,
                        Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class)).withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null, Named.as("skip-event-tombstones"))
                .mapValues(event -> (SpecificRecord) event, Named.as("as-event"));
        observations.merge(events, Named.as("observations-and-events"))
                .process(() -> new Upsert(writer, changes, freshness, bulk), Named.as("upsert-live-flight"));
    }

    private static final class Upsert implements Processor<String, SpecificRecord, Void, Void> {
        private final LiveFlightWriter writer;
        private final Consumer<LiveFlight> changes;
        private final BiConsumer<String, Duration> freshness;
        private final BooleanSupplier bulk;

        Upsert(LiveFlightWriter writer, Consumer<LiveFlight> changes, BiConsumer<String, Duration> freshness, BooleanSupplier bulk) {
            this.writer = writer;
            this.changes = changes;
            this.freshness = freshness;
            this.bulk = bulk;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            context.schedule(Duration.ofMillis(FLUSH_EVERY_MS), PunctuationType.WALL_CLOCK_TIME, now -> writer.flush());
        }

        @Override
        public void process(Record<String, SpecificRecord> record) {
            if (bulk.getAsBoolean()) {
                if (record.value() instanceof AircraftObservation observation) {
                    writer.stage(observation);
                } else {
                    writer.stage((FlightTrackingEvent) record.value());
                }
                return;
            }
            writer.flush();
            Optional<LiveFlight> changed = write(writer, record.value());
            if (changed.isPresent()) {
                changes.accept(changed.get());
                freshness.accept(record.value() instanceof AircraftObservation ? "observation" : "event",
                        Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
            }
        }
    }

    private static Optional<LiveFlight> write(LiveFlightWriter writer, SpecificRecord record) {
        return record instanceof AircraftObservation observation
                ? writer.apply(observation)
                : writer.apply((FlightTrackingEvent) record);
    }
}
