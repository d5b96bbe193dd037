package dev.contrail.infrastructure.flighttracking.intake;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.TrackingPolicy;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flight Tracking's intake: the refined observation stream → commands to the Aircraft aggregates (ADR 0007).
 *
 * <p>Only observations that can change what an aircraft records ({@link TrackingPolicy#isWorthRecording}) become
 * commands; that is what keeps the command path (~2,000 commands/s per thread here, LIMITS.md) affordable at the
 * rate of a global feed. The last observation sent and the last contact of each aircraft live in state stores.
 *
 * <p>Flight loss is a stream punctuation on <em>stream time</em>, which follows the observations' own timestamps:
 * an aircraft whose last contact is older than {@code lostAfter} is declared lost. No sleeping, no wall clock, so a
 * capture replayed at any speed loses flights exactly as the live feed would.
 *
 * <p>A command that still fails after a few attempts sends its observation to the dead-letter topic and the stream
 * goes on: one poisoned aircraft must not stop all others.
 */
public final class IntakeTopology {

    public static final String STAGE = "intake";
    public static final String LAST_RECORDED_STORE = "intake-last-recorded";
    public static final String LAST_CONTACT_STORE = "intake-last-contact";
    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(IntakeTopology.class);

    private IntakeTopology() {
    }

    /** What the intake counts: observations in, commands out, flights declared lost, dead letters. */
    public record Metrics(Counter observations, Counter commands, Counter lost, Counter deadLetters) {

        public static Metrics on(MeterRegistry meters) {
            return new Metrics(
                    Counter.builder("contrail.intake.observations").description("Refined observations read by the intake").register(meters),
                    Counter.builder("contrail.intake.commands").description("RecordObservation commands sent to aircraft").register(meters),
                    Counter.builder("contrail.intake.lost").description("DeclareFlightLost commands sent to silent aircraft").register(meters),
                    DeadLetterPublisher.counter(meters, STAGE));
        }
    }

    public static void addTo(StreamsBuilder builder, ObservationIntake intake, Duration lostAfter, Metrics metrics) {
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_RECORDED_STORE), Serdes.String(), serde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_CONTACT_STORE), Serdes.String(), Serdes.Long()));
        builder.stream(Topics.FLIGHT_TRACKING_OBSERVATIONS, Consumed.with(Serdes.String(), serde)
                        .withTimestampExtractor((record, partitionTime) -> record.value() instanceof AircraftObservation o
                                ? o.getObservedAt().toEpochMilli()
                                : partitionTime)
                        .withName("observations"))
                .process(() -> new Intake(intake, lostAfter, metrics, serde), Named.as("intake"), LAST_RECORDED_STORE, LAST_CONTACT_STORE)
                .to(Topics.DEAD_LETTERS, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters"));
    }

    private static final class Intake implements Processor<String, AircraftObservation, String, byte[]> {
        private final ObservationIntake intake;
        private final Duration lostAfter;
        private final Metrics metrics;
        private final AvroSerde<AircraftObservation> serde;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, AircraftObservation> lastRecorded;
        private KeyValueStore<String, Long> lastContact;

        Intake(ObservationIntake intake, Duration lostAfter, Metrics metrics, AvroSerde<AircraftObservation> serde) {
            this.intake = intake;
            this.lostAfter = lostAfter;
            this.metrics = metrics;
            this.serde = serde;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.lastRecorded = context.getStateStore(LAST_RECORDED_STORE);
            this.lastContact = context.getStateStore(LAST_CONTACT_STORE);
            Duration every = lostAfter.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : lostAfter.dividedBy(4);
            context.schedule(every, PunctuationType.STREAM_TIME, this::declareSilentAircraftLost);
        }

        @Override
        public void process(Record<String, AircraftObservation> record) {
            AircraftObservation observation = record.value();
            if (observation == null) {
                return;
            }
            metrics.observations().increment();
            String icao24 = observation.getIcao24();
            lastContact.put(icao24, observation.getObservedAt().toEpochMilli());
            AircraftObservation previous = lastRecorded.get(icao24);
            Observation next = ObservationTranslator.toDomain(observation);
            if (!TrackingPolicy.isWorthRecording(previous == null ? null : ObservationTranslator.toDomain(previous), next)) {
                return;
            }
            RuntimeException failure = attempt(() -> intake.record(next));
            metrics.commands().increment();
            if (failure == null) {
                lastRecorded.put(icao24, observation);
            } else {
                deadLetter(record, observation, failure);
            }
        }

        private void declareSilentAircraftLost(long streamTime) {
            long silentSince = streamTime - lostAfter.toMillis();
            List<KeyValue<String, Long>> silent = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = lastContact.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value < silentSince) {
                        silent.add(entry);
                    }
                });
            }
            for (KeyValue<String, Long> aircraft : silent) {
                RuntimeException failure = attempt(() -> intake.declareLost(Icao24.of(aircraft.key), Instant.ofEpochMilli(aircraft.value),
                        Instant.ofEpochMilli(streamTime)));
                if (failure != null) {
                    // Not lost yet for Contrail; the next punctuation tries again.
                    log.warn("Could not declare {} lost: {}", aircraft.key, failure.getMessage());
                    continue;
                }
                metrics.lost().increment();
                lastContact.delete(aircraft.key);
                lastRecorded.delete(aircraft.key);
            }
        }

        private void deadLetter(Record<String, AircraftObservation> record, AircraftObservation observation, RuntimeException failure) {
            String source = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse(STAGE);
            var headers = new RecordHeaders()
                    .add(DeadLetterHeaders.REASON, (failure.getClass().getSimpleName() + ": " + failure.getMessage()).getBytes(UTF_8))
                    .add(DeadLetterHeaders.STAGE, STAGE.getBytes(UTF_8))
                    .add(DeadLetterHeaders.SOURCE, source.getBytes(UTF_8));
            metrics.deadLetters().increment();
            log.warn("Observation of {} dead-lettered after {} attempts: {}", observation.getIcao24(), ATTEMPTS, failure.getMessage());
            context.forward(new Record<>(source, serde.serializer().serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation),
                    record.timestamp(), headers));
        }

        private static RuntimeException attempt(Runnable command) {
            RuntimeException last = null;
            for (int i = 0; i < ATTEMPTS; i++) {
                try {
                    command.run();
                    return null;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            return last;
        }
    }
}
