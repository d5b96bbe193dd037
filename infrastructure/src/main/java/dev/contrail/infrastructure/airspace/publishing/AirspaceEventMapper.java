package dev.contrail.infrastructure.airspace.publishing;

import dev.contrail.domain.airspace.AircraftEnteredAirspace;
import dev.contrail.domain.airspace.AircraftExitedAirspace;
import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.domain.airspace.AirspaceChanged;
import dev.contrail.domain.airspace.AirspaceDefined;
import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.AirspaceRetired;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.CapacityExceeded;
import dev.contrail.domain.airspace.CapacityRestored;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.ExitReason;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Maps the Airspace context's domain events to the integration events it publishes on {@code airspace.events}
 * (ADR 0004, ADR 0018). Every Airspace domain event is published.
 */
public final class AirspaceEventMapper {

    /** The domain events on the context's topic; the others are the aggregates' own bookkeeping. */
    public static final Set<Class<?>> PUBLISHED = Set.of(AirspaceDefined.class, AirspaceChanged.class, AirspaceRetired.class,
            AircraftEnteredAirspace.class, AircraftExitedAirspace.class, CapacityExceeded.class, CapacityRestored.class);

    private AirspaceEventMapper() {
    }

    public static boolean isPublished(Object domainEvent) {
        return PUBLISHED.contains(domainEvent.getClass());
    }

    /** The Kafka key: the aircraft for its entries and exits, the volume for the rest. */
    public static String keyOf(AirspaceEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof dev.contrail.schemas.airspace.AircraftEnteredAirspace p) {
            return p.getIcao24();
        }
        if (payload instanceof dev.contrail.schemas.airspace.AircraftExitedAirspace p) {
            return p.getIcao24();
        }
        return event.getAirspaceId();
    }

    /**
     * @param source the source of the volume that applied the event (ADR 0021): with the event's airspace id, it names
     *               the volume
     */
    public static AirspaceEvent toIntegrationEvent(Object domainEvent, String eventId, String source, long sequence) {
        var envelope = AirspaceEvent.newBuilder().setEventId(eventId).setSource(source).setSequence(sequence);
        if (domainEvent instanceof AirspaceDefined e) {
            return of(envelope, e.airspaceId(), e.definedAt(), dev.contrail.schemas.airspace.AirspaceDefined.newBuilder()
                    .setDefinition(toAvro(e.definition())).build());
        }
        if (domainEvent instanceof AirspaceChanged e) {
            return of(envelope, e.airspaceId(), e.changedAt(), dev.contrail.schemas.airspace.AirspaceChanged.newBuilder()
                    .setDefinition(toAvro(e.definition())).build());
        }
        if (domainEvent instanceof AirspaceRetired e) {
            return of(envelope, e.airspaceId(), e.retiredAt(), dev.contrail.schemas.airspace.AirspaceRetired.newBuilder().build());
        }
        if (domainEvent instanceof AircraftEnteredAirspace e) {
            return of(envelope, e.airspaceId(), e.enteredAt(), dev.contrail.schemas.airspace.AircraftEnteredAirspace.newBuilder()
                    .setIcao24(e.icao24()).setFlightId(e.flightId()).setPosition(toAvro(e.position())).setOccupants(e.occupants()).build());
        }
        if (domainEvent instanceof AircraftExitedAirspace e) {
            return of(envelope, e.airspaceId(), e.exitedAt(), dev.contrail.schemas.airspace.AircraftExitedAirspace.newBuilder()
                    .setIcao24(e.icao24()).setFlightId(e.flightId()).setPosition(toAvro(e.position()))
                    .setReason(ExitReason.valueOf(e.reason().name())).setOccupants(e.occupants()).build());
        }
        if (domainEvent instanceof CapacityExceeded e) {
            return of(envelope, e.airspaceId(), e.at(), dev.contrail.schemas.airspace.CapacityExceeded.newBuilder()
                    .setOccupants(e.occupants()).setCapacity(e.capacity()).build());
        }
        if (domainEvent instanceof CapacityRestored e) {
            return of(envelope, e.airspaceId(), e.at(), dev.contrail.schemas.airspace.CapacityRestored.newBuilder()
                    .setOccupants(e.occupants()).setCapacity(e.capacity()).build());
        }
        throw new IllegalArgumentException(domainEvent.getClass().getName() + " is not an Airspace event");
    }

    private static AirspaceEvent of(AirspaceEvent.Builder envelope, String airspaceId, Instant at, Object payload) {
        return envelope.setAirspaceId(airspaceId).setOccurredAt(at).setPayload(payload).build();
    }

    private static dev.contrail.schemas.airspace.AirspaceDefinition toAvro(AirspaceDefinition definition) {
        return dev.contrail.schemas.airspace.AirspaceDefinition.newBuilder()
                .setName(definition.name() == null ? "" : definition.name())
                .setSource(definition.source() == null ? "" : definition.source())
                .setPolygons(definition.boundary().polygons().stream().map(AirspaceEventMapper::toAvro).toList())
                .setFloorM(definition.verticalLimits().floorM())
                .setCeilingM(definition.verticalLimits().ceilingM())
                .setCapacity(definition.capacity())
                .build();
    }

    private static dev.contrail.schemas.airspace.BoundaryPolygon toAvro(BoundaryPolygon polygon) {
        return dev.contrail.schemas.airspace.BoundaryPolygon.newBuilder()
                .setExterior(toAvro(polygon.exterior()))
                .setHoles(polygon.holes().stream().map(AirspaceEventMapper::toAvro).toList())
                .build();
    }

    private static List<dev.contrail.schemas.airspace.GeoPoint> toAvro(Ring ring) {
        return ring.points().stream().map(AirspaceEventMapper::toAvro).toList();
    }

    private static dev.contrail.schemas.airspace.GeoPoint toAvro(GeoPoint point) {
        return new dev.contrail.schemas.airspace.GeoPoint(point.latitude(), point.longitude());
    }

    private static dev.contrail.schemas.airspace.AircraftPosition toAvro(AircraftPosition position) {
        return position == null ? null : new dev.contrail.schemas.airspace.AircraftPosition(position.latitude(), position.longitude(),
                position.altitudeM());
    }
}
