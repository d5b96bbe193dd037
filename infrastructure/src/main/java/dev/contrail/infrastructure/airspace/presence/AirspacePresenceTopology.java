package dev.contrail.infrastructure.airspace.presence;

import dev.contrail.application.airspace.AirspaceTraffic;
import dev.contrail.domain.airspace.AirspacePresence;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.domain.airspace.Containment;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator;
import dev.contrail.infrastructure.airspace.presence.FlightTrackingTranslator.Sighting;
import dev.contrail.infrastructure.kafka.EventSequences;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.kafka.Backoff;
import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * Entries and exits (ADR 0014): Flight Tracking's published events, keyed by icao24, → the airspace volumes each
 * aircraft enters and leaves. The volumes an aircraft is inside live in a state store; each position is located
 * among all volumes ({@link AirspaceLocator}) and compared with them ({@link AirspacePresence}); only the
 * transitions become commands to the volumes, in the aircraft's order. A lost flight leaves every volume it was in.
 *
 * <p>The store changes only after a volume acknowledged the transition, so a command that fails is tried again with
 * the aircraft's next position; the volume records each entry and exit once however often it is told. A command that
 * fails transiently (the event store's database away) is first tried again on the spot, backing off ({@link Backoff});
 * if it still fails after the backoff's window, it is thrown, and the stream thread is replaced and processes the event
 * again (ADR 0025). One the volume refuses for good waits for the next position.
 */
public final class AirspacePresenceTopology {

    public static final String STAGE = "airspace-presence";
    public static final String PRESENCE_STORE = "airspace-presence";
    /** The last event sequence processed per aircraft, so that a redelivered event makes no transition (ADR 0028). */
    public static final String SEQUENCE_STORE = "airspace-presence-sequences";
    private static final Duration WAIT_FOR_DEFINITIONS = Duration.ofMinutes(4);
    private static final Logger log = LoggerFactory.getLogger(AirspacePresenceTopology.class);

    private AirspacePresenceTopology() {
    }

    /** Waits until the volumes are known (the start-up import); false if they are not within the timeout. */
    @FunctionalInterface
    public interface DefinitionsReady {
        boolean await(Duration timeout) throws InterruptedException;
    }

    public record Metrics(Counter positions, Counter entries, Counter exits, Counter failures) {

        public static Metrics on(MeterRegistry meters) {
            return new Metrics(
                    Counter.builder("contrail.airspace.positions").description("Aircraft positions located among the airspace volumes").register(meters),
                    Counter.builder("contrail.airspace.transitions").tag("kind", "entry").description("Entries sent to airspace volumes").register(meters),
                    Counter.builder("contrail.airspace.transitions").tag("kind", "exit").description("Exits sent to airspace volumes").register(meters),
                    Counter.builder("contrail.airspace.transitions.failed").description("Transitions a volume did not acknowledge; retried with the next position").register(meters));
        }
    }

    public static void addTo(StreamsBuilder builder, AirspaceLocator locator, DefinitionsReady ready, AirspaceTraffic traffic, Metrics metrics) {
        addTo(builder, locator, ready, traffic, metrics, Backoff.standard());
    }

    /** @param backoff how long to keep trying a transition while the event store is briefly unavailable */
    public static void addTo(StreamsBuilder builder, AirspaceLocator locator, DefinitionsReady ready, AirspaceTraffic traffic, Metrics metrics,
                             Backoff backoff) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRESENCE_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(EventSequences.store(SEQUENCE_STORE));
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class))
                        .withName("flight-tracking-events"))
                .process(() -> new Presence(locator, ready, traffic, metrics, backoff), Named.as("airspace-presence"), PRESENCE_STORE, SEQUENCE_STORE);
    }

    private static final class Presence implements Processor<String, FlightTrackingEvent, Void, Void> {
        private final AirspaceLocator locator;
        private final DefinitionsReady ready;
        private final AirspaceTraffic traffic;
        private final Metrics metrics;
        private final Backoff backoff;
        private KeyValueStore<String, String> inside;
        private EventSequences sequences;
        private boolean definitionsKnown;

        Presence(AirspaceLocator locator, DefinitionsReady ready, AirspaceTraffic traffic, Metrics metrics, Backoff backoff) {
            this.locator = locator;
            this.ready = ready;
            this.traffic = traffic;
            this.metrics = metrics;
            this.backoff = backoff;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.inside = context.getStateStore(PRESENCE_STORE);
            this.sequences = new EventSequences(context.getStateStore(SEQUENCE_STORE), STAGE, false);
        }

        @Override
        public void process(Record<String, FlightTrackingEvent> record) {
            FlightTrackingEvent event = record.value();
            if (event == null) {
                return;
            }
            // A redelivered event (a republish, a restart before a commit) is located against today's presence, not
            // the one it was first seen with: it would make transitions that never happened (ADR 0028).
            if (!sequences.isNew(event.getIcao24(), event.getSequence(), record.headers())) {
                return;
            }
            locate(record);
            sequences.processed(event.getIcao24(), event.getSequence());
        }

        private void locate(Record<String, FlightTrackingEvent> record) {
            Optional<Sighting> translated = FlightTrackingTranslator.translate(record.value());
            if (translated.isEmpty()) {
                return;
            }
            awaitDefinitions();
            Sighting sighting = translated.get();
            Set<String> volumes = load(sighting.icao24());
            if (sighting.flightLost()) {
                for (String airspaceId : new TreeSet<>(volumes)) {
                    if (attempt(() -> traffic.exited(airspaceId, sighting.icao24(), sighting.flightId(), sighting.at(), sighting.position(),
                            ExitReason.FLIGHT_LOST))) {
                        metrics.exits().increment();
                        volumes.remove(airspaceId);
                    }
                }
            } else {
                metrics.positions().increment();
                var position = sighting.position();
                Map<String, Containment> located = locator.locate(position.latitude(), position.longitude(), position.altitudeM());
                AirspacePresence.Transitions transitions = AirspacePresence.transitions(volumes, located);
                for (String airspaceId : transitions.exited()) {
                    if (attempt(() -> traffic.exited(airspaceId, sighting.icao24(), sighting.flightId(), sighting.at(), position, ExitReason.LEFT))) {
                        metrics.exits().increment();
                        volumes.remove(airspaceId);
                    }
                }
                for (String airspaceId : transitions.entered()) {
                    if (attempt(() -> traffic.entered(airspaceId, sighting.icao24(), sighting.flightId(), sighting.at(), position))) {
                        metrics.entries().increment();
                        volumes.add(airspaceId);
                    }
                }
            }
            if (volumes.isEmpty()) {
                inside.delete(sighting.icao24());
            } else {
                inside.put(sighting.icao24(), String.join("\n", volumes));
            }
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
                    throw failure; // the event is processed again once the stream thread is replaced
                }
                metrics.failures().increment();
                log.warn("Airspace transition refused, retried with the next position: {}", TransientFailures.describe(failure));
                return false;
            }
        }
    }
}
