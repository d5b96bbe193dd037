package dev.contrail.infrastructure.airport.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.application.airport.FlightMovement;
import dev.contrail.application.airport.MovementRecording;
import dev.contrail.domain.airport.Attribution;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.infrastructure.kafka.EventSequences;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
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
 */
public final class MovementIntakeTopology {

    public static final String STAGE = "airport-intake";
    public static final String CALLSIGN_STORE = "airport-intake-callsigns";
    /** The last event sequence processed per aircraft, so that a redelivered event is passed over (ADR 0028). */
    public static final String SEQUENCE_STORE = "airport-intake-sequences";
    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(MovementIntakeTopology.class);

    private MovementIntakeTopology() {
    }

    /** How a movement ended, for the metrics. */
    public interface Metrics {
        void count(String result, String reason);

        static Metrics on(MeterRegistry meters) {
            Counter deadLetters = DeadLetterPublisher.counter(meters, STAGE);
            return (result, reason) -> {
                if ("dead_lettered".equals(result)) {
                    deadLetters.increment();
                }
                Counter.builder("contrail.airports.movements").description("Take-offs and landings read by the Airport intake, by result")
                        .tag("result", result).tag("reason", reason).register(meters).increment();
            };
        }
    }

    public static void addTo(StreamsBuilder builder, MovementRecording recording, Metrics metrics) {
        AvroSerde<FlightTrackingEvent> serde = AvroSerde.of(FlightTrackingEvent.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CALLSIGN_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(EventSequences.store(SEQUENCE_STORE));
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS, Consumed.with(Serdes.String(), serde).withName("flight-tracking-events"))
                .process(() -> new Intake(recording, metrics, serde), Named.as("airport-intake"), CALLSIGN_STORE, SEQUENCE_STORE)
                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters"));
    }

    private static final class Intake implements Processor<String, FlightTrackingEvent, String, byte[]> {
        private final MovementRecording recording;
        private final Metrics metrics;
        private final AvroSerde<FlightTrackingEvent> serde;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, String> callsigns;
        private EventSequences sequences;

        Intake(MovementRecording recording, Metrics metrics, AvroSerde<FlightTrackingEvent> serde) {
            this.recording = recording;
            this.metrics = metrics;
            this.serde = serde;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
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
            RuntimeException last = null;
            for (int i = 0; i < ATTEMPTS; i++) {
                try {
                    count(recording.record(movement.get()));
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            deadLetter(record, event, last);
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

        private void deadLetter(Record<String, FlightTrackingEvent> record, FlightTrackingEvent event, RuntimeException failure) {
            String source = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse(STAGE);
            var headers = new RecordHeaders()
                    .add(DeadLetterHeaders.REASON, (failure.getClass().getSimpleName() + ": " + failure.getMessage()).getBytes(UTF_8))
                    .add(DeadLetterHeaders.STAGE, STAGE.getBytes(UTF_8))
                    .add(DeadLetterHeaders.SOURCE, source.getBytes(UTF_8));
            metrics.count("dead_lettered", failure.getClass().getSimpleName());
            log.warn("Movement of {} dead-lettered after {} attempts: {}", event.getFlightId(), ATTEMPTS, failure.getMessage());
            context.forward(new Record<>(source, serde.serializer().serialize(Topics.FLIGHT_TRACKING_EVENTS, event), record.timestamp(), headers));
        }
    }
}
