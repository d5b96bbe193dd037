package dev.contrail.infrastructure.flighttracking.publishing;

import dev.contrail.domain.flighttracking.FlightDetected;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps Flight Tracking's domain events to the integration events it publishes, and back (ADR 0004). The
 * integration contract is the Avro envelope; the domain never sees it. Domain events that are not part of
 * the published contract map to {@link Optional#empty()} and stay inside the context.
 */
public final class FlightTrackingEventMapper {

    private FlightTrackingEventMapper() {
    }

    /** Whether this domain event is part of Flight Tracking's published contract. */
    public static boolean isPublished(Object domainEvent) {
        return domainEvent instanceof FlightDetected || domainEvent instanceof PositionReported;
    }

    /** @return the integration event, or empty when this domain event is not published */
    public static Optional<FlightTrackingEvent> toIntegrationEvent(Object domainEvent, String eventId, long sequence) {
        if (domainEvent instanceof FlightDetected e) {
            return Optional.of(envelope(eventId, e.icao24(), e.flightId(), sequence, e.detectedAt(),
                    dev.contrail.schemas.flighttracking.FlightDetected.newBuilder()
                            .setCallsign(e.callsign())
                            .setOriginCountry(e.originCountry())
                            .setPosition(e.position() == null ? null : toAvro(e.position()))
                            .setOnGround(e.onGround())
                            .setGroundSpeedMps(e.groundSpeedMps())
                            .setTrackDeg(e.trackDeg())
                            .setVerticalRateMps(e.verticalRateMps())
                            .setSquawk(e.squawk())
                            .build()));
        }
        if (domainEvent instanceof PositionReported e) {
            return Optional.of(envelope(eventId, e.icao24(), e.flightId(), sequence, e.observedAt(),
                    dev.contrail.schemas.flighttracking.PositionReported.newBuilder()
                            .setPosition(toAvro(e.position()))
                            .setOnGround(e.onGround())
                            .setGroundSpeedMps(e.groundSpeedMps())
                            .setTrackDeg(e.trackDeg())
                            .setVerticalRateMps(e.verticalRateMps())
                            .build()));
        }
        return Optional.empty();
    }

    /** The domain event an integration event was made from. */
    public static Object toDomainEvent(FlightTrackingEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof dev.contrail.schemas.flighttracking.FlightDetected p) {
            return new FlightDetected(event.getIcao24(), event.getFlightId(), event.getOccurredAt(), p.getCallsign(),
                    p.getOriginCountry(), p.getPosition() == null ? null : toDomain(p.getPosition()), p.getOnGround(),
                    p.getGroundSpeedMps(), p.getTrackDeg(), p.getVerticalRateMps(), p.getSquawk());
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.PositionReported p) {
            return new PositionReported(event.getIcao24(), event.getFlightId(), event.getOccurredAt(), toDomain(p.getPosition()),
                    p.getOnGround(), p.getGroundSpeedMps(), p.getTrackDeg(), p.getVerticalRateMps());
        }
        throw new IllegalArgumentException("Unknown Flight Tracking event payload " + payload.getClass().getName());
    }

    private static FlightTrackingEvent envelope(String eventId, String icao24, String flightId, long sequence, Instant occurredAt,
                                                Object payload) {
        return FlightTrackingEvent.newBuilder()
                .setEventId(eventId)
                .setIcao24(icao24)
                .setFlightId(flightId)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setPayload(payload)
                .build();
    }

    private static dev.contrail.schemas.flighttracking.Position toAvro(Position position) {
        return dev.contrail.schemas.flighttracking.Position.newBuilder()
                .setLatitude(position.latitude())
                .setLongitude(position.longitude())
                .setBarometricAltitudeM(position.barometricAltitudeM())
                .setGeometricAltitudeM(position.geometricAltitudeM())
                .build();
    }

    private static Position toDomain(dev.contrail.schemas.flighttracking.Position position) {
        return new Position(position.getLatitude(), position.getLongitude(), position.getBarometricAltitudeM(),
                position.getGeometricAltitudeM());
    }
}
