package dev.contrail.infrastructure.flighttracking.refinement;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Accepted;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Outcome;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Rejected;
import dev.contrail.infrastructure.flighttracking.refinement.state.RefinedAircraft;
import dev.contrail.infrastructure.kafka.DecodedStore;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Refinement, between the raw topic and the domain: decode, validate, drop repeats, so that Flight Tracking
 * sees one clean observation stream keyed by icao24. Anything that is not a valid state vector goes to the
 * dead-letter topic with its original bytes and the reason.
 *
 * <p>Per aircraft, {@link ObservationSmoothing} remembers what it forwarded (state store {@value #AIRCRAFT_STORE}):
 * an observation not newer than the last is dropped (duplicated and reordered snapshots), a stale position is
 * removed, {@code on_ground} is de-flickered, and an observation that tells nothing new is held back but for a
 * periodic keep-alive.
 *
 * <p>A pure function of its inputs, tested with {@code TopologyTestDriver}.
 */
public final class RefinementTopology {

    public static final String STAGE = "refinement";
    public static final String AIRCRAFT_STORE = "refinement-aircraft";

    private RefinementTopology() {
    }

    public static void addTo(StreamsBuilder builder, Counter deadLetters) {
        addTo(builder, deadLetters, RefinementSettings.defaults());
    }

    public static void addTo(StreamsBuilder builder, Counter deadLetters, RefinementSettings settings) {
        AvroSerde<OpenSkyStateVector> rawSerde = AvroSerde.of(OpenSkyStateVector.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(AIRCRAFT_STORE), Serdes.String(), AvroSerde.of(RefinedAircraft.class)));

        KStream<String, byte[]> raw = builder.stream(Topics.OPENSKY_STATE_VECTORS,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-state-vectors"));

        raw.processValues(() -> new Refine(rawSerde), Named.as("refine"))
                .split(Named.as("refined-"))
                .branch((icao24, refined) -> refined.outcome() instanceof Rejected,
                        Branched.withConsumer(rejected -> rejected
                                .process(() -> new ToDeadLetter(deadLetters), Named.as("to-dead-letter"))
                                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters")),
                                "rejected"))
                .defaultBranch(Branched.withConsumer(accepted -> accepted
                        .mapValues(refined -> ((Accepted) refined.outcome()).observation(), Named.as("observation"))
                        .processValues(() -> new Smooth(settings), Named.as("smooth"), AIRCRAFT_STORE)
                        .to(Topics.FLIGHT_TRACKING_OBSERVATIONS,
                                Produced.with(Serdes.String(), AvroSerde.of(AircraftObservation.class)).withName("observations")),
                        "accepted"));
    }

    /** A refinement outcome, with the bytes it was made from (for the dead-letter topic). */
    record Refined(Outcome outcome, byte[] original) {
    }

    private static final class Refine implements FixedKeyProcessor<String, byte[], Refined> {
        private final AvroSerde<OpenSkyStateVector> serde;
        private FixedKeyProcessorContext<String, Refined> context;

        Refine(AvroSerde<OpenSkyStateVector> serde) {
            this.serde = serde;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Refined> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            Outcome outcome;
            try {
                OpenSkyStateVector vector = serde.deserializer().deserialize(Topics.OPENSKY_STATE_VECTORS, record.value());
                outcome = vector == null
                        ? new Rejected("empty record")
                        : StateVectorRefiner.refine(vector, receivedAt(record, context.currentSystemTimeMs()));
            } catch (SerializationException e) {
                outcome = new Rejected("not an OpenSkyStateVector: " + e.getMessage());
            }
            // The raw topic's contract: keyed by the lower-case icao24, so that one aircraft is one partition (ADR 0005).
            // A record keyed otherwise would be refined on the wrong partition: reject it rather than reorder it.
            if (outcome instanceof Accepted accepted && !accepted.observation().getIcao24().equals(record.key())) {
                outcome = new Rejected("key '" + record.key() + "' is not the state vector's icao24 '"
                        + accepted.observation().getIcao24() + "'");
            }
            context.forward(record.withValue(new Refined(outcome, record.value())));
        }
    }

    /**
     * When a raw record was received, on the server's clock: when it was written to the raw topic, or now if that is
     * later than now (a producer's clock ahead of ours) — a state vector is judged against it (ADR 0024).
     */
    private static Instant receivedAt(FixedKeyRecord<String, byte[]> record, long now) {
        return Instant.ofEpochMilli(record.timestamp() >= 0 ? Math.min(record.timestamp(), now) : now);
    }

    /** Re-keys a rejected record by where it came from, like every dead letter, and puts the reason in headers. */
    private static final class ToDeadLetter implements Processor<String, Refined, String, byte[]> {
        private final Counter deadLetters;
        private ProcessorContext<String, byte[]> context;

        ToDeadLetter(Counter deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, Refined> record) {
            String source = context.recordMetadata()
                    .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .orElse(Topics.OPENSKY_STATE_VECTORS);
            var headers = new RecordHeaders()
                    .add(DeadLetterHeaders.REASON, ((Rejected) record.value().outcome()).reason().getBytes(UTF_8))
                    .add(DeadLetterHeaders.STAGE, STAGE.getBytes(UTF_8))
                    .add(DeadLetterHeaders.SOURCE, source.getBytes(UTF_8));
            // Where it came from, as every topology's dead letters say it (ADR 0025), so that it can be re-driven.
            context.recordMetadata().ifPresent(m -> headers
                    .add(DeadLetterHeaders.TOPIC, m.topic().getBytes(UTF_8))
                    .add(DeadLetterHeaders.PARTITION, Integer.toString(m.partition()).getBytes(UTF_8))
                    .add(DeadLetterHeaders.OFFSET, Long.toString(m.offset()).getBytes(UTF_8)));
            if (record.key() != null) {
                headers.add(DeadLetterHeaders.KEY, record.key().getBytes(UTF_8));
            }
            deadLetters.increment();
            context.forward(new Record<>(source, record.value().original(), record.timestamp(), headers));
        }
    }

    /** Applies {@link ObservationSmoothing} with each aircraft's memory from the state store. */
    private static final class Smooth implements FixedKeyProcessor<String, AircraftObservation, AircraftObservation> {
        private final RefinementSettings settings;
        private FixedKeyProcessorContext<String, AircraftObservation> context;
        /** Each aircraft's memory, decoded in memory too: every state vector reads and writes it (issue 14's profile). */
        private DecodedStore<RefinedAircraft> aircraft;

        Smooth(RefinementSettings settings) {
            this.settings = settings;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, AircraftObservation> context) {
            this.context = context;
            this.aircraft = new DecodedStore<>(context.getStateStore(AIRCRAFT_STORE));
        }

        @Override
        public void process(FixedKeyRecord<String, AircraftObservation> record) {
            String icao24 = record.value().getIcao24();
            RefinedAircraft memory = aircraft.get(icao24);
            ObservationSmoothing.Result result = ObservationSmoothing.smooth(memory, record.value(), settings);
            if (result.memory() != memory) {
                aircraft.put(icao24, result.memory());
            }
            if (result.forwarded() != null) {
                context.forward(record.withValue(result.forwarded()));
            }
        }
    }
}
