package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airspace.AircraftEnteredAirspace;
import dev.contrail.schemas.airspace.AircraftExitedAirspace;
import dev.contrail.schemas.airspace.AirspaceChanged;
import dev.contrail.schemas.airspace.AirspaceDefined;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.AirspaceRetired;
import dev.contrail.schemas.airspace.CapacityExceeded;
import dev.contrail.schemas.airspace.CapacityRestored;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The Airspace context's three projections of {@code airspace.events}, each its own Kafka Streams application with
 * its own tables (so each can be rebuilt alone):
 * <ul>
 *   <li>{@link Definitions}: every volume as last defined → {@code airspace};</li>
 *   <li>{@link Occupancy}: who is inside each volume, its capacity and whether it is over it → {@code airspace_occupant},
 *       {@code airspace_capacity};</li>
 *   <li>{@link Traffic}: the entry/exit log and entries per volume per hour → {@code airspace_transit},
 *       {@code airspace_entries_hour}.</li>
 * </ul>
 * All are idempotent by the volume's event sequence: a redelivery in any order leaves the tables as they were and
 * notifies nobody.
 */
public final class AirspaceProjections {

    private AirspaceProjections() {
    }

    private static KStream<String, AirspaceEvent> events(StreamsBuilder builder) {
        return builder.stream(Topics.AIRSPACE_EVENTS, Consumed.with(Serdes.String(), AvroSerde.of(AirspaceEvent.class)).withName("airspace-events"));
    }

    public static final class Definitions {
        public static final String NAME = "airspace-definitions";
        public static final int VERSION = 2;

        private Definitions() {
        }

        public static void addTo(StreamsBuilder builder, AirspaceDefinitionsWriter writer) {
            events(builder)
                    .filter((key, event) -> event != null && (event.getPayload() instanceof AirspaceDefined
                            || event.getPayload() instanceof AirspaceChanged || event.getPayload() instanceof AirspaceRetired), Named.as("definitions-only"))
                    .foreach((key, event) -> writer.apply(event), Named.as("record-definition"));
        }
    }

    public static final class Occupancy {
        public static final String NAME = "airspace-occupancy";
        public static final int VERSION = 2;

        private Occupancy() {
        }

        public static void addTo(StreamsBuilder builder, AirspaceOccupancyWriter writer, Consumer<AirspaceActivity> changes) {
            events(builder)
                    .filter((key, event) -> event != null && (isTransit(event) || event.getPayload() instanceof CapacityExceeded
                            || event.getPayload() instanceof CapacityRestored || event.getPayload() instanceof AirspaceDefined
                            || event.getPayload() instanceof AirspaceChanged), Named.as("occupancy-events-only"))
                    .foreach((key, event) -> writer.apply(event).ifPresent(changes), Named.as("record-occupancy"));
        }
    }

    public static final class Traffic {
        public static final String NAME = "airspace-traffic";
        public static final int VERSION = 2;

        private Traffic() {
        }

        public static void addTo(StreamsBuilder builder, AirspaceTrafficWriter writer, Consumer<AirspaceActivity> changes) {
            events(builder)
                    .filter((key, event) -> event != null && isTransit(event), Named.as("transits-only"))
                    .foreach((key, event) -> writer.apply(event).ifPresent(changes), Named.as("record-transit"));
        }
    }

    static boolean isTransit(AirspaceEvent event) {
        return event.getPayload() instanceof AircraftEnteredAirspace || event.getPayload() instanceof AircraftExitedAirspace;
    }
}
