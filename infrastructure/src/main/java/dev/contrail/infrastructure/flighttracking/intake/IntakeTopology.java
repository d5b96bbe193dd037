package dev.contrail.infrastructure.flighttracking.intake;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.TrackPoint;
import dev.contrail.domain.flighttracking.TrackingPolicy;
import dev.contrail.infrastructure.flighttracking.intake.state.RecentTrack;
import dev.contrail.infrastructure.flighttracking.refinement.StateVectorRefiner;
import dev.contrail.infrastructure.kafka.DecodedStore;
import dev.contrail.infrastructure.kafka.StagedBatch;
import dev.contrail.infrastructure.kafka.StagedBatch.BeforeCommit;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.kafka.Backoff;
import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
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
 * commands. The last observation sent, the last contact and the last positions of each aircraft live in state stores;
 * the last positions go with every command, so that a take-off or landing carries its climb or approach (ADR 0023).
 * An observation enters the last-recorded store only once its command has been sent (ADR 0026): until then the intake
 * remembers it in memory.
 * A crash therefore restores a store that claims nothing unsent, and the observations after the committed offsets are
 * judged again against what was really sent: a command may be sent twice (aircraft ignore what they already know),
 * never skipped.
 *
 * <p>Commands are staged and sent in batches, each batch one Axon unit of work in one transaction (ADR 0020): Axon's
 * command path costs a transaction and several round trips per command (~2,000 commands/s per thread here,
 * LIMITS.md), a batch costs them once. A batch is sent when {@value #BATCH} commands are staged, at the latest every
 * {@value #FLUSH_EVERY_MS} ms, and before Kafka Streams commits offsets ({@link BeforeCommit}), so no committed
 * observation is left unsent. Within a batch each aircraft still handles its commands in order.
 *
 * <p>Flight loss is a stream punctuation on <em>stream time</em>, which follows the observations' own timestamps:
 * an aircraft whose last contact is older than {@code lostAfter} is declared lost. No sleeping, no wall clock, so a
 * capture replayed at any speed loses flights exactly as the live feed would.
 *
 * <p>A batch that fails is sent again one command at a time; a command that still fails after a few attempts sends
 * its observation to the dead-letter topic and the stream goes on: one poisoned aircraft must not stop all others.
 * The intake counts a dead-lettered observation as recorded (the next one is judged against it): it is not lost, it
 * waits on the dead-letter topic with its reason.
 */
public final class IntakeTopology {

    public static final String STAGE = "intake";
    public static final String LAST_RECORDED_STORE = "intake-last-recorded";
    public static final String LAST_CONTACT_STORE = "intake-last-contact";
    public static final String RECENT_TRACK_STORE = "intake-recent-track";
    /** Commands per unit of work (ADR 0020); public for the benchmarks' DomainEventsMeasurement. */
    public static final int BATCH = 500;
    static final long FLUSH_EVERY_MS = 50;
    private static final Logger log = LoggerFactory.getLogger(IntakeTopology.class);

    private IntakeTopology() {
    }

    /** What the intake counts: observations in, commands out, flights declared lost, dead letters, batches sent. */
    public record Metrics(Counter observations, Counter commands, Counter lost, Counter batches) {

        public static Metrics on(MeterRegistry meters) {
            return new Metrics(
                    Counter.builder("contrail.intake.observations").description("Refined observations read by the intake").register(meters),
                    Counter.builder("contrail.intake.commands").description("RecordObservation commands sent to aircraft").register(meters),
                    Counter.builder("contrail.intake.lost").description("DeclareFlightLost commands sent to silent aircraft").register(meters),
                    Counter.builder("contrail.intake.batches").description("Batches of commands sent as one unit of work").register(meters));
        }
    }

    /**
     * Where an observation goes that its aircraft could not record: the dead-letter topic, synchronously, counted there,
     * with the topic, partition, offset and key it was read from (so that it can be found and re-driven: ADR 0028).
     */
    @FunctionalInterface
    public interface DeadLetters {
        void send(String topic, int partition, long offset, byte[] key, String reason, byte[] observation);
    }

    public static void addTo(StreamsBuilder builder, ObservationIntake intake, Duration lostAfter, Metrics metrics,
                             DeadLetters deadLetters, BeforeCommit beforeCommit) {
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LAST_RECORDED_STORE), Serdes.String(), serde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LAST_CONTACT_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RECENT_TRACK_STORE), Serdes.String(),
                AvroSerde.of(RecentTrack.class)));
        builder.stream(Topics.FLIGHT_TRACKING_OBSERVATIONS, Consumed.with(Serdes.String(), serde)
                        .withTimestampExtractor((record, partitionTime) -> record.value() instanceof AircraftObservation o
                                ? observedAtWithinTheClock(o, record.timestamp(), System.currentTimeMillis())
                                : partitionTime)
                        .withName("observations"))
                .process(() -> new Intake(intake, lostAfter, metrics, serde, deadLetters, beforeCommit), Named.as("intake"),
                        LAST_RECORDED_STORE, LAST_CONTACT_STORE, RECENT_TRACK_STORE);
    }

    /**
     * The observation's time is the stream's, and the timestamp of what the intake writes to its changelogs — which
     * Kafka refuses more than an hour ahead of the broker's clock (issue 13). Refinement dead-letters what is dated
     * ahead of the clock (ADR 0024); an observation refined before it did is taken at the time it was written.
     */
    static long observedAtWithinTheClock(AircraftObservation observation, long written, long now) {
        long observedAt = observation.getObservedAt().toEpochMilli();
        long latest = now + StateVectorRefiner.FUTURE_TOLERANCE.toMillis();
        return observedAt <= latest ? observedAt : Math.min(written, latest);
    }

    /** A command staged for the next batch, with what to do once it is handled or has failed for good. */
    private record Staged(Runnable command, Runnable handled, Consumer<RuntimeException> failed) {
    }

    private static final class Intake implements Processor<String, AircraftObservation, Void, Void> {
        private final ObservationIntake intake;
        private final Duration lostAfter;
        private final Metrics metrics;
        private final AvroSerde<AircraftObservation> serde;
        private final DeadLetters deadLetters;
        private final BeforeCommit beforeCommit;
        private ProcessorContext<Void, Void> context;
        // Decoded in memory too: every observation reads and writes an aircraft's entries (issue 14's profile).
        private DecodedStore<AircraftObservation> lastRecorded;
        private DecodedStore<Long> lastContact;
        private DecodedStore<RecentTrack> recentTracks;
        private final StagedBatch<Staged> staged = new StagedBatch<>(BATCH, FLUSH_EVERY_MS, this::send);
        /** The last observation judged worth recording per aircraft, while its command is staged or not yet stored. */
        private final Map<String, AircraftObservation> unsent = new HashMap<>();
        /** Observations whose commands were sent, not yet written to the last-recorded store. */
        private final List<AircraftObservation> sent = new ArrayList<>();
        private Runnable registration;

        Intake(ObservationIntake intake, Duration lostAfter, Metrics metrics, AvroSerde<AircraftObservation> serde,
               DeadLetters deadLetters, BeforeCommit beforeCommit) {
            this.intake = intake;
            this.lostAfter = lostAfter;
            this.metrics = metrics;
            this.serde = serde;
            this.deadLetters = deadLetters;
            this.beforeCommit = beforeCommit;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.lastRecorded = new DecodedStore<>(context.getStateStore(LAST_RECORDED_STORE));
            this.lastContact = new DecodedStore<>(context.getStateStore(LAST_CONTACT_STORE));
            this.recentTracks = new DecodedStore<>(context.getStateStore(RECENT_TRACK_STORE));
            Duration every = lostAfter.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : lostAfter.dividedBy(4);
            context.schedule(every, PunctuationType.STREAM_TIME, this::declareSilentAircraftLost);
            context.schedule(Duration.ofMillis(FLUSH_EVERY_MS), PunctuationType.WALL_CLOCK_TIME, now -> {
                staged.flushIfDue(now);
                storeWhatWasSent();
            });
            registration = beforeCommit.register(staged::flush);
        }

        @Override
        public void process(Record<String, AircraftObservation> record) {
            storeWhatWasSent();
            AircraftObservation observation = record.value();
            if (observation == null) {
                return;
            }
            metrics.observations().increment();
            // First, so that an observation the model refuses (thrown, then dead-lettered: ADR 0025) leaves no state behind.
            Observation next = ObservationTranslator.toDomain(observation);
            String icao24 = observation.getIcao24();
            lastContact.put(icao24, observation.getObservedAt().toEpochMilli());
            AircraftObservation previous = unsent.containsKey(icao24) ? unsent.get(icao24) : lastRecorded.get(icao24);
            RecentTrack track = recentTracks.get(icao24);
            RecentTrack withThis = RecentTracks.append(track, observation);
            if (withThis != track) {
                recentTracks.put(icao24, withThis);
            }
            if (!TrackingPolicy.isWorthRecording(previous == null ? null : ObservationTranslator.toDomain(previous),
                    previous != null && RecentTracks.changedGround(track, previous), next)) {
                return;
            }
            // Recorded from the intake's point of view from now on: the next observation is judged against this one. The
            // state store (changelogged) learns it only once its command has been sent (storeWhatWasSent), so that a
            // crash can never restore a "last recorded" whose command was not sent: the observation is processed again.
            unsent.put(icao24, observation);
            List<TrackPoint> recentTrack = RecentTracks.before(track, observation.getObservedAt());
            // Where it came from, named only if its command fails for good: nothing built per observation.
            var origin = context.recordMetadata().orElseThrow();
            long now = context.currentSystemTimeMs();
            staged.add(new Staged(() -> intake.record(next, recentTrack), () -> sent.add(observation),
                    failure -> {
                        deadLetter(origin.topic(), origin.partition(), origin.offset(), observation, failure);
                        sent.add(observation);
                    }), now);
            staged.flushIfDue(now);
            storeWhatWasSent();
        }

        /**
         * Writes the observations whose commands have been sent (or dead-lettered) to the last-recorded store. Runs where
         * the stores may be written — processing and punctuation — and not in a flush, which may run within a commit.
         */
        private void storeWhatWasSent() {
            if (sent.isEmpty()) {
                return;
            }
            for (AircraftObservation observation : sent) {
                String icao24 = observation.getIcao24();
                lastRecorded.put(icao24, observation);
                if (unsent.get(icao24) == observation) {
                    unsent.remove(icao24);
                }
            }
            sent.clear();
        }

        /**
         * Sends a batch of staged commands as one unit of work; when that fails, one command at a time. Runs on the stream thread:
         * from process, from a punctuation, or from the consumer about to commit offsets — so it touches neither state
         * stores nor Kafka Streams' producer (see {@link BeforeCommit}).
         */
        private void send(List<Staged> batch) {
            try {
                intake.together("intake batch of " + batch.size(), () -> batch.forEach(command -> command.command().run()));
                metrics.batches().increment();
                metrics.commands().increment(batch.size());
                batch.forEach(command -> command.handled().run());
            } catch (RuntimeException batchFailure) {
                log.warn("A batch of {} commands failed ({}); sending them one at a time", batch.size(), batchFailure.getMessage());
                for (Staged command : batch) {
                    RuntimeException failure = attempt(command.command());
                    metrics.commands().increment();
                    if (failure == null) {
                        command.handled().run();
                    } else {
                        command.failed().accept(failure);
                    }
                }
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
            if (silent.isEmpty()) {
                return;
            }
            // After the observations staged so far, and sent here and now, while this punctuation may still update the
            // state stores.
            long now = context.currentSystemTimeMs();
            for (KeyValue<String, Long> aircraft : silent) {
                staged.add(new Staged(
                        () -> intake.declareLost(Icao24.of(aircraft.key), Instant.ofEpochMilli(aircraft.value), Instant.ofEpochMilli(streamTime)),
                        () -> {
                            metrics.lost().increment();
                            lastContact.delete(aircraft.key);
                            lastRecorded.delete(aircraft.key);
                            recentTracks.delete(aircraft.key);
                            unsent.remove(aircraft.key);
                            sent.removeIf(observation -> observation.getIcao24().equals(aircraft.key));
                        },
                        // Not lost yet for Contrail; the next punctuation tries again.
                        failure -> log.warn("Could not declare {} lost: {}", aircraft.key, failure.getMessage())), now);
            }
            staged.flush();
            storeWhatWasSent();
        }

        private void deadLetter(String topic, int partition, long offset, AircraftObservation observation, RuntimeException failure) {
            log.warn("Observation of {} dead-lettered, its command refused: {}", observation.getIcao24(), failure.getMessage());
            deadLetters.send(topic, partition, offset, observation.getIcao24().getBytes(StandardCharsets.UTF_8),
                    failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                    serde.serializer().serialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, observation));
        }

        @Override
        public void close() {
            if (registration != null) {
                registration.run();
            }
            staged.flush();
        }

        /**
         * Sends one command, trying again while it fails transiently ({@link Backoff}, ADR 0025); returns how the
         * aircraft refused it, or null. A transient failure that outlasts the backoff is thrown: the flush fails, no
         * offset behind it is committed, and the stream thread is replaced.
         */
        private static RuntimeException attempt(Runnable command) {
            try {
                Backoff.standard().run("intake command", command);
                return null;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    throw e;
                }
                return e;
            }
        }
    }
}
