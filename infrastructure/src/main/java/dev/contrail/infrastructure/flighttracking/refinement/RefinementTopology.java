package dev.contrail.infrastructure.flighttracking.refinement;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Accepted;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Outcome;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner.Rejected;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.Counter;
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
 * <p>Repeats: the newest {@code last_contact} accepted per aircraft is kept in a state store, and an
 * observation that is not newer is dropped. That removes the duplicated snapshots real captures contain,
 * and the older snapshots that arrive after newer ones.
 *
 * <p>A pure function of its inputs, tested with {@code TopologyTestDriver}.
 */
public final class RefinementTopology {

    public static final String STAGE = "refinement";
    public static final String LAST_OBSERVED_STORE = "refinement-last-observed-at";

    private RefinementTopology() {
    }

    public static void addTo(StreamsBuilder builder, Counter deadLetters) {
        AvroSerde<OpenSkyStateVector> rawSerde = AvroSerde.of(OpenSkyStateVector.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LAST_OBSERVED_STORE), Serdes.String(), Serdes.Long()));

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
                        .processValues(DropRepeats::new, Named.as("drop-repeats"), LAST_OBSERVED_STORE)
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
                outcome = vector == null ? new Rejected("empty record") : StateVectorRefiner.refine(vector);
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
            deadLetters.increment();
            context.forward(new Record<>(source, record.value().original(), record.timestamp(), headers));
        }
    }

    private static final class DropRepeats implements FixedKeyProcessor<String, AircraftObservation, AircraftObservation> {
        private FixedKeyProcessorContext<String, AircraftObservation> context;
        private KeyValueStore<String, Long> lastObservedAt;

        @Override
        public void init(FixedKeyProcessorContext<String, AircraftObservation> context) {
            this.context = context;
            this.lastObservedAt = context.getStateStore(LAST_OBSERVED_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, AircraftObservation> record) {
            AircraftObservation observation = record.value();
            long observedAt = observation.getObservedAt().toEpochMilli();
            Long previous = lastObservedAt.get(observation.getIcao24());
            if (previous != null && observedAt <= previous) {
                return;
            }
            lastObservedAt.put(observation.getIcao24(), observedAt);
            context.forward(record);
        }
    }
}
