package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.EmergencyCleared;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

/**
 * The emergencies projection: Flight Tracking's integration events → every emergency an aircraft declared, active
 * and past, in PostgreSQL, and each declaration and ending to the subscribers once it is stored. Only declarations,
 * clearances and lost flights (which end an active emergency) reach the writer. Idempotent: the writer changes
 * nothing for an event it has already applied, so a redelivered event notifies nobody.
 */
public final class EmergenciesProjection {

    public static final String NAME = "emergencies";
    public static final int VERSION = 1;

    private EmergenciesProjection() {
    }

    public static void addTo(StreamsBuilder builder, EmergencyWriter writer, Consumer<Emergency> changes) {
        builder.stream(Topics.FLIGHT_TRACKING_EVENTS,
                        Consumed.with(Serdes.String(), AvroSerde.of(FlightTrackingEvent.class)).withName("flight-tracking-events"))
                .filter((icao24, event) -> event != null && concernsEmergencies(event), Named.as("emergency-events-only"))
                .foreach((icao24, event) -> writer.apply(event).forEach(changes), Named.as("record-emergency"));
    }

    static boolean concernsEmergencies(FlightTrackingEvent event) {
        Object payload = event.getPayload();
        return payload instanceof EmergencyDeclared || payload instanceof EmergencyCleared || payload instanceof FlightLost;
    }
}
