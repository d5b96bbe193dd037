package dev.contrail.infrastructure.airspace.presence;

import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.domain.airspace.AirspacePresence;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.domain.airspace.Containment;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.airspace.presence.FlightTrackingTranslator.Sighting;
import dev.contrail.infrastructure.kafka.EventSequences;
import dev.contrail.infrastructure.kafka.StagedBatch;
import dev.contrail.infrastructure.kafka.StagedBatch.BeforeCommit;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.kafka.Backoff;
import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries and exits (ADR 0014): Flight Tracking's published events, keyed by icao24, → the airspace volumes each
 * aircraft enters and leaves. The volumes an aircraft is inside live in a state store; each position is located
 * among all volumes ({@link AirspaceLocator}) and compared with them ({@link AirspacePresence}); only the
 * transitions become commands to the volumes, in the aircraft's order. A lost flight leaves every volume it was in.
 *
 * <p>Transitions are sent in batches, each batch one Axon unit of work in one transaction (ADR 0044, as the intake's
 * ADR 0020, with the same {@link StagedBatch}): a batch is sent when {@value #BATCH} positions are staged, at the latest every {@value #FLUSH_EVERY_MS}
 * ms, and before Kafka Streams commits offsets ({@link BeforeCommit}). Positions are located as they arrive; their
 * transitions are worked out when the batch is sent, against what each aircraft is inside after the positions before
 * it, so that each aircraft's transitions stay in order.
 *
 * <p>The stores change only after the volumes acknowledged the batch, so a crash before that processes the events
 * again, and a transition that fails is tried again with the aircraft's next position; the volume records each entry
 * and exit once however often it is told. A batch that fails is sent again one transition at a time. A transition
 * that fails transiently (the event store's database away) is first tried again on the spot, backing off
 * ({@link Backoff}); if it still fails after the backoff's window, it is thrown, and the stream thread is replaced and
 * processes the events again (ADR 0025). One the volume refuses for good waits for the next position.
 */
public final class AirspacePresenceTopology {

    public static final String STAGE = "airspace-presence";
    public static final String PRESENCE_STORE = "airspace-presence";
    /** The last event sequence processed per aircraft, so that a redelivered event makes no transition (ADR 0028). */
    public static final String SEQUENCE_STORE = "airspace-presence-sequences";
    /** Positions per unit of work (ADR 0044). */
    static final int BATCH = 500;
    static final long FLUSH_EVERY_MS = 50;
    private static final Duration WAIT_FOR_DEFINITIONS = Duration.ofMinutes(4);
    private static final Logger log = LoggerFactory.getLogger(AirspacePresenceTopology.class);

    private AirspacePresenceTopology() {
    }

    /** Waits until the volumes are known (the start-up import); false if they are not within the timeout. */
    @FunctionalInterface
    public interface DefinitionsReady {
        boolean await(Duration timeout) throws InterruptedException;
    }

    public record Metrics(Counter positions, Counter entries, Counter exits, Counter failures, Counter batches) {

        public static Metrics on(MeterRegistry meters) {
            return new Metrics(
                    Counter.builder("contrail.airspace.positions").description("Aircraft positions located among the airspace volumes").register(meters),
                    Counter.builder("contrail.airspace.transitions").tag("kind", "entry").description("Entries sent to airspace volumes").register(meters),
                    Counter.builder("contrail.airspace.transitions").tag("kind", "exit").description("Exits sent to airspace volumes").register(meters),
                    Counter.builder("contrail.airspace.transitions.failed").description("Transitions a volume did not acknowledge; retried with the next position").register(meters),
                    Counter.builder("contrail.airspace.batches").description("Batches of transitions sent as one unit of work").register(meters));
        }
    }

    public static void addTo(StreamsBuilder builder, AirspaceLocator locator, DefinitionsReady ready, AirspaceTraffic traffic, Metrics metrics,
                             BeforeCommit beforeCommit) {
        addTo(builder, locator, ready, traffic, metrics, beforeCommit, Backoff.standard());
    }

    /** @param backoff how long to keep trying a transition while the event store is briefly unavailable */
    public static void addTo(StreamsBuilder builder, AirspaceLocator locator, DefinitionsReady ready, AirspaceTraffic traffic, Metrics metrics,
                             BeforeCommit beforeCommit, Backoff backoff) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRESENCE_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(EventSequences.store(SEQUENCE_STORE));
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class))
                        .withName("flight-tracking-events"))
                .process(() -> new Presence(locator, ready, traffic, metrics, beforeCommit, backoff), Named.as("airspace-presence"),
                        PRESENCE_STORE, SEQUENCE_STORE);
    }

    /** A position (or a lost flight) located and waiting for the next batch. */
    private record Staged(Sighting sighting, Map<String, Containment> located) {
    }

    /** What an aircraft is inside after a batch, and the last sequence the batch processed, to be written to the stores. */
    private record Settled(Set<String> volumes, long sequence) {
    }

    private static final class Presence implements Processor<String, FlightTrackingEvent, Void, Void> {
        private final AirspaceLocator locator;
        private final DefinitionsReady ready;
        private final AirspaceTraffic traffic;
        private final Metrics metrics;
        private final BeforeCommit beforeCommit;
        private final Backoff backoff;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, String> inside;
        private KeyValueStore<String, Long> sequenceStore;
        private EventSequences sequences;
        private boolean definitionsKnown;
        private final StagedBatch<Staged> staged = new StagedBatch<>(BATCH, FLUSH_EVERY_MS, this::send);
        /** The last sequence staged per aircraft: an event redelivered while the first is staged makes no transition. */
        private final Map<String, Long> stagedSequences = new HashMap<>();
        /**
         * What each aircraft of the staged positions was inside before them, read from the store as they were staged: a
         * flush, which may run within a commit, reads no store.
         */
        private final Map<String, Set<String>> before = new HashMap<>();
        /** Aircraft the last batches settled, not yet written to the stores. */
        private final Map<String, Settled> settled = new HashMap<>();
        private Runnable registration;

        Presence(AirspaceLocator locator, DefinitionsReady ready, AirspaceTraffic traffic, Metrics metrics, BeforeCommit beforeCommit,
                 Backoff backoff) {
            this.locator = locator;
            this.ready = ready;
            this.traffic = traffic;
            this.metrics = metrics;
            this.beforeCommit = beforeCommit;
            this.backoff = backoff;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.inside = context.getStateStore(PRESENCE_STORE);
            this.sequenceStore = context.getStateStore(SEQUENCE_STORE);
            this.sequences = new EventSequences(sequenceStore, STAGE, false);
            context.schedule(Duration.ofMillis(FLUSH_EVERY_MS), PunctuationType.WALL_CLOCK_TIME, now -> {
                staged.flushIfDue(now);
                storeWhatSettled();
            });
            registration = beforeCommit.register(staged::flush);
        }

        @Override
        public void process(Record<String, FlightTrackingEvent> record) {
            storeWhatSettled();
            FlightTrackingEvent event = record.value();
            if (event == null) {
                return;
            }
            String icao24 = event.getIcao24();
            // A redelivered event (a republish, a restart before a commit) is located against today's presence, not
            // the one it was first seen with: it would make transitions that never happened (ADR 0028).
            Long stagedSequence = stagedSequences.get(icao24);
            if (!sequences.isNew(icao24, event.getSequence(), record.headers())
                    || stagedSequence != null && event.getSequence() <= stagedSequence) {
                return;
            }
            Optional<Sighting> translated = FlightTrackingTranslator.translate(event);
            if (translated.isEmpty()) {
                // Nothing to locate, but processed: remembered with the next batch's aircraft, or at once if none waits.
                if (stagedSequence == null) {
                    sequences.processed(icao24, event.getSequence());
                } else {
                    stagedSequences.put(icao24, Math.max(stagedSequence, event.getSequence()));
                }
                return;
            }
            awaitDefinitions();
            Sighting sighting = translated.get();
            Map<String, Containment> located = Map.of();
            if (!sighting.flightLost()) {
                metrics.positions().increment();
                var position = sighting.position();
                located = locator.locate(position.latitude(), position.longitude(), position.altitudeM());
            }
            before.computeIfAbsent(icao24, this::load);
            stagedSequences.put(icao24, event.getSequence());
            long now = context.currentSystemTimeMs();
            staged.add(new Staged(sighting, located), now);
            staged.flushIfDue(now);
            storeWhatSettled();
        }

        /**
         * Sends the transitions of a batch of staged positions as one unit of work; when that fails, one at a time. Runs on the stream
         * thread: from process, from a punctuation, or from the consumer about to commit offsets — so it touches neither
         * state stores nor Kafka Streams' producer.
         */
        private void send(List<Staged> batch) {
            Map<String, Set<String>> volumes = new HashMap<>();
            int[] tally = new int[2];
            try {
                traffic.together("airspace transitions of " + batch.size() + " positions", () -> {
                    volumes.clear();
                    tally[0] = 0;
                    tally[1] = 0;
                    for (Staged position : batch) {
                        send(position, volumes, tally, command -> {
                            command.run();
                            return true;
                        });
                    }
                });
                metrics.batches().increment();
            } catch (RuntimeException batchFailure) {
                if (batch.size() > 1) {
                    log.warn("A batch of {} airspace positions failed ({}); sending their transitions one at a time", batch.size(),
                            TransientFailures.describe(batchFailure));
                }
                volumes.clear();
                tally[0] = 0;
                tally[1] = 0;
                for (Staged position : batch) {
                    send(position, volumes, tally, this::attempt);
                }
            }
            metrics.entries().increment(tally[0]);
            metrics.exits().increment(tally[1]);
            for (Map.Entry<String, Long> aircraft : stagedSequences.entrySet()) {
                settled.merge(aircraft.getKey(), new Settled(volumes.get(aircraft.getKey()), aircraft.getValue()),
                        (earlier, now) -> new Settled(now.volumes() != null ? now.volumes() : earlier.volumes(),
                                Math.max(earlier.sequence(), now.sequence())));
            }
            stagedSequences.clear();
            before.clear();
        }

        /** Works out one staged position's transitions against what its aircraft is inside now, and makes them. */
        private void send(Staged position, Map<String, Set<String>> volumes, int[] tally, Transition transition) {
            Sighting sighting = position.sighting();
            Set<String> current = volumes.computeIfAbsent(sighting.icao24(), icao24 -> new TreeSet<>(before.get(icao24)));
            if (sighting.flightLost()) {
                for (String airspaceId : new TreeSet<>(current)) {
                    if (transition.make(() -> traffic.exited(airspaceId, sighting.icao24(), sighting.flightId(), sighting.at(), sighting.position(),
                            ExitReason.FLIGHT_LOST))) {
                        tally[1]++;
                        current.remove(airspaceId);
                    }
                }
                return;
            }
            var at = sighting.position();
            AirspacePresence.Transitions transitions = AirspacePresence.transitions(current, position.located());
            for (String airspaceId : transitions.exited()) {
                if (transition.make(() -> traffic.exited(airspaceId, sighting.icao24(), sighting.flightId(), sighting.at(), at, ExitReason.LEFT))) {
                    tally[1]++;
                    current.remove(airspaceId);
                }
            }
            for (String airspaceId : transitions.entered()) {
                if (transition.make(() -> traffic.entered(airspaceId, sighting.icao24(), sighting.flightId(), sighting.at(), at))) {
                    tally[0]++;
                    current.add(airspaceId);
                }
            }
        }

        @FunctionalInterface
        private interface Transition {
            /** Makes one transition; true once its volume acknowledged it. */
            boolean make(Runnable command);
        }

        /**
         * Writes what the batches settled to the stores. Runs where the stores may be written — processing and
         * punctuation — and not in a flush, which may run within a commit.
         */
        private void storeWhatSettled() {
            if (settled.isEmpty()) {
                return;
            }
            for (Map.Entry<String, Settled> aircraft : settled.entrySet()) {
                Set<String> volumes = aircraft.getValue().volumes();
                if (volumes != null) {
                    if (volumes.isEmpty()) {
                        inside.delete(aircraft.getKey());
                    } else {
                        inside.put(aircraft.getKey(), String.join("\n", volumes));
                    }
                }
                sequences.processed(aircraft.getKey(), aircraft.getValue().sequence());
            }
            settled.clear();
        }

        private Set<String> load(String icao24) {
            String stored = inside.get(icao24);
            Set<String> volumes = new TreeSet<>();
            if (stored != null && !stored.isEmpty()) {
                for (String volumeId : stored.split("\n")) {
                    if (volumeId.indexOf(AirspaceVolume.SOURCE_SEPARATOR) >= 0) {
                        volumes.add(volumeId);
                    } else {
                        // Stored before ADR 0021 named a volume by its bare id: it is that id in whichever source defines it
                        // (an exit from a volume the aircraft is not inside records nothing).
                        volumes.addAll(locator.idsEndingWith(AirspaceVolume.SOURCE_SEPARATOR + volumeId));
                    }
                }
            }
            return volumes;
        }

        private void awaitDefinitions() {
            if (definitionsKnown) {
                return;
            }
            try {
                if (!ready.await(WAIT_FOR_DEFINITIONS)) {
                    log.warn("Airspace definitions still loading after {}; locating among the {} volumes known", WAIT_FOR_DEFINITIONS, locator.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            definitionsKnown = true;
        }

        private boolean attempt(Runnable command) {
            try {
                backoff.run("airspace transition", command);
                return true;
            } catch (RuntimeException failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw failure; // the events are processed again once the stream thread is replaced
                }
                metrics.failures().increment();
                log.warn("Airspace transition refused, retried with the next position: {}", TransientFailures.describe(failure));
                return false;
            }
        }

        @Override
        public void close() {
            if (registration != null) {
                registration.run();
            }
            staged.flush();
        }
    }
}
