package dev.contrail.infrastructure.airport.intake;

import dev.contrail.application.airport.FlightMovement;
import dev.contrail.application.airport.MovementRecording;
import dev.contrail.domain.airport.Attribution;
import dev.contrail.infrastructure.kafka.EventSequences;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.kafka.Backoff;
import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Airport context's intake: Flight Tracking's published events ({@value Topics#FLIGHT_TRACKING_EVENTS}, keyed by
 * icao24) → departures and arrivals recorded at airports (ADR 0012). Each aircraft's latest callsign is kept in a
 * state store, so that a movement carries it; a take-off or landing is translated at this edge and handed to
 * {@link MovementRecording}. Redelivered events are harmless: a movement's id is its flight's and its kind.
 *
 * <p>Counted in {@code contrail.airports.movements} with tags {@code result} (recorded, duplicate, not_attributed,
 * dead_lettered) and {@code reason} (the attribution's reason, or whether the runway was derived).
 *
 * <p>A movement the Airport context rejects for good is thrown as a {@link MovementRejected}: the application's
 * processing exception handler dead-letters the event with its original bytes and goes on (ADR 0025). A transient
 * failure (the event store's database away) is tried again, backing off ({@link Backoff}), and never dead-lettered.
 */
public final class MovementIntakeTopology {

    public static final String STAGE = "airport-intake";
    public static final String CALLSIGN_STORE = "airport-intake-callsigns";
    /** The last event sequence processed per aircraft, so that a redelivered event is passed over (ADR 0028). */
    public static final String SEQUENCE_STORE = "airport-intake-sequences";
    private static final Logger log = LoggerFactory.getLogger(MovementIntakeTopology.class);

    private MovementIntakeTopology() {
    }

    /** How a movement ended, for the metrics. */
    public interface Metrics {
        void count(String result, String reason);

        /** Dead letters are counted in {@code contrail.dead.letters} by the handler that sends them. */
        static Metrics on(MeterRegistry meters) {
            return (result, reason) -> {
                Counter.builder("contrail.airports.movements").description("Take-offs and landings read by the Airport intake, by result")
                        .tag("result", result).tag("reason", reason).register(meters).increment();
            };
        }
    }

    public static void addTo(StreamsBuilder builder, MovementRecording recording, Metrics metrics) {
        addTo(builder, recording, metrics, Backoff.standard());
    }

    /** @param backoff how long to keep trying a movement while the event store is briefly unavailable */
    public static void addTo(StreamsBuilder builder, MovementRecording recording, Metrics metrics, Backoff backoff) {
        AvroSerde<FlightTrackingEvent> serde = AvroSerde.of(FlightTrackingEvent.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CALLSIGN_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(EventSequences.store(SEQUENCE_STORE));
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS, Consumed.with(Serdes.String(), serde).withName("flight-tracking-events"))
                .process(() -> new Intake(recording, metrics, backoff), Named.as("airport-intake"), CALLSIGN_STORE, SEQUENCE_STORE);
    }

    /** A movement the Airport context refused for good: its event is dead-lettered (ADR 0025). */
    public static final class MovementRejected extends RuntimeException {
        MovementRejected(String flightId, RuntimeException cause) {
            super("Movement of flight " + flightId + " refused: " + TransientFailures.describe(cause), cause);
        }
    }

    private static final class Intake implements Processor<String, FlightTrackingEvent, Void, Void> {
        private final MovementRecording recording;
        private final Metrics metrics;
        private final Backoff backoff;
        private KeyValueStore<String, String> callsigns;
        private EventSequences sequences;

        Intake(MovementRecording recording, Metrics metrics, Backoff backoff) {
            this.recording = recording;
            this.metrics = metrics;
            this.backoff = backoff;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.callsigns = context.getStateStore(CALLSIGN_STORE);
            this.sequences = new EventSequences(context.getStateStore(SEQUENCE_STORE), STAGE, true);
        }

        @Override
        public void process(Record<String, FlightTrackingEvent> record) {
            FlightTrackingEvent event = record.value();
            if (event == null) {
                return;
            }
            // A redelivered event would set the callsign store back to an older callsign (ADR 0028).
            if (!sequences.isNew(event.getIcao24(), event.getSequence(), record.headers())) {
                return;
            }
            record(record, event);
            sequences.processed(event.getIcao24(), event.getSequence());
        }

        private void record(Record<String, FlightTrackingEvent> record, FlightTrackingEvent event) {
            String icao24 = event.getIcao24();
            FlightTrackingTranslator.callsign(event).ifPresent(callsign -> callsigns.put(icao24, callsign));
            if (event.getPayload() instanceof FlightLost) {
                // The aircraft's next flight starts with a detection that names its callsign again: keep the store small.
                callsigns.delete(icao24);
                return;
            }
            Optional<FlightMovement> movement = FlightTrackingTranslator.movement(event, callsigns.get(icao24));
            if (movement.isEmpty()) {
                return;
            }
            MovementRecording.Outcome outcome;
            try {
                outcome = backoff.call("movement of flight " + event.getFlightId(), () -> recording.record(movement.get()));
            } catch (RuntimeException failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw failure; // not the event's fault: processed again once the stream thread is replaced
                }
                metrics.count("dead_lettered", failure.getClass().getSimpleName());
                throw new MovementRejected(event.getFlightId(), failure);
            }
            count(outcome);
        }

        private void count(MovementRecording.Outcome outcome) {
            if (outcome.attribution() instanceof Attribution.NotAttributed notAttributed) {
                metrics.count("not_attributed", notAttributed.reason().name().toLowerCase(Locale.ROOT));
                log.debug("Movement not attributed: {} ({})", notAttributed.reason(), notAttributed.detail());
                return;
            }
            var attributed = (Attribution.Attributed) outcome.attribution();
            metrics.count(outcome.recorded() ? "recorded" : "duplicate", attributed.runway() == null ? "runway_unknown" : "runway_derived");
        }
    }
}
