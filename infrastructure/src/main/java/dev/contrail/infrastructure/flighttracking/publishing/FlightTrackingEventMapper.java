package dev.contrail.infrastructure.flighttracking.publishing;

import dev.contrail.domain.flighttracking.CallsignChanged;
import dev.contrail.domain.flighttracking.EmergencyCleared;
import dev.contrail.domain.flighttracking.EmergencyDeclared;
import dev.contrail.domain.flighttracking.EmergencyKind;
import dev.contrail.domain.flighttracking.FlightDetected;
import dev.contrail.domain.flighttracking.FlightLost;
import dev.contrail.domain.flighttracking.Landed;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.PositionReported;
import dev.contrail.domain.flighttracking.SquawkChanged;
import dev.contrail.domain.flighttracking.TookOff;
import dev.contrail.domain.flighttracking.TrackPoint;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Flight Tracking's domain events to the integration events it publishes, and back (ADR 0004). The
 * integration contract is the Avro envelope; the domain never sees it. A domain event that is not part of the
 * published contract maps to {@link Optional#empty()} and stays inside the context.
 */
public final class FlightTrackingEventMapper {

    /** The domain events that are part of the published contract: each has a branch in the envelope's payload. */
    /** The domain events on the context's topic; the others are the aggregates' own bookkeeping. */
    public static final Set<Class<?>> PUBLISHED = Set.of(FlightDetected.class, PositionReported.class, CallsignChanged.class, TookOff.class,
            Landed.class, SquawkChanged.class, EmergencyDeclared.class, EmergencyCleared.class, FlightLost.class);

    private FlightTrackingEventMapper() {
    }

    /** Whether this domain event is part of Flight Tracking's published contract. */
    public static boolean isPublished(Object domainEvent) {
        return PUBLISHED.contains(domainEvent.getClass());
    }

    /** @return the integration event, or empty when this domain event is not published */
    public static Optional<FlightTrackingEvent> toIntegrationEvent(Object domainEvent, String eventId, long sequence) {
        Envelope envelope = new Envelope(eventId, sequence);
        if (domainEvent instanceof FlightDetected e) {
            return envelope.of(e.icao24(), e.flightId(), e.detectedAt(), dev.contrail.schemas.flighttracking.FlightDetected.newBuilder()
                    .setCallsign(e.callsign())
                    .setOriginCountry(e.originCountry())
                    .setPosition(toAvro(e.position()))
                    .setOnGround(e.onGround())
                    .setGroundSpeedMps(e.groundSpeedMps())
                    .setTrackDeg(e.trackDeg())
                    .setVerticalRateMps(e.verticalRateMps())
                    .setSquawk(e.squawk())
                    .build());
        }
        if (domainEvent instanceof PositionReported e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.PositionReported.newBuilder()
                    .setPosition(toAvro(e.position()))
                    .setOnGround(e.onGround())
                    .setGroundSpeedMps(e.groundSpeedMps())
                    .setTrackDeg(e.trackDeg())
                    .setVerticalRateMps(e.verticalRateMps())
                    .build());
        }
        if (domainEvent instanceof CallsignChanged e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.CallsignChanged.newBuilder()
                    .setPreviousCallsign(e.previousCallsign())
                    .setCallsign(e.callsign())
                    .build());
        }
        if (domainEvent instanceof TookOff e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.TookOff.newBuilder()
                    .setPosition(toAvro(e.position()))
                    .setGroundSpeedMps(e.groundSpeedMps())
                    .setTrackDeg(e.trackDeg())
                    .setPreviousFlightId(e.previousFlightId())
                    .setTrack(toAvro(e.departureTrack()))
                    .build());
        }
        if (domainEvent instanceof Landed e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.Landed.newBuilder()
                    .setPosition(toAvro(e.position()))
                    .setGroundSpeedMps(e.groundSpeedMps())
                    .setTrackDeg(e.trackDeg())
                    .setTrack(toAvro(e.approach()))
                    .build());
        }
        if (domainEvent instanceof SquawkChanged e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.SquawkChanged.newBuilder()
                    .setPreviousSquawk(e.previousSquawk())
                    .setSquawk(e.squawk())
                    .build());
        }
        if (domainEvent instanceof EmergencyDeclared e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.EmergencyDeclared.newBuilder()
                    .setKind(toAvro(e.kind()))
                    .setSquawk(e.squawk())
                    .setPosition(toAvro(e.position()))
                    .build());
        }
        if (domainEvent instanceof EmergencyCleared e) {
            return envelope.of(e.icao24(), e.flightId(), e.observedAt(), dev.contrail.schemas.flighttracking.EmergencyCleared.newBuilder()
                    .setKind(toAvro(e.kind()))
                    .setSquawk(e.squawk())
                    .build());
        }
        if (domainEvent instanceof FlightLost e) {
            return envelope.of(e.icao24(), e.flightId(), e.declaredAt(), dev.contrail.schemas.flighttracking.FlightLost.newBuilder()
                    .setLastContactAt(e.lastContactAt())
                    .setLastPosition(toAvro(e.lastPosition()))
                    .setOnGround(e.onGround())
                    .build());
        }
        return Optional.empty();
    }

    /** The domain event an integration event was made from. */
    public static Object toDomainEvent(FlightTrackingEvent event) {
        String icao24 = event.getIcao24();
        String flightId = event.getFlightId();
        Instant at = event.getOccurredAt();
        Object payload = event.getPayload();
        if (payload instanceof dev.contrail.schemas.flighttracking.FlightDetected p) {
            return new FlightDetected(icao24, flightId, at, p.getCallsign(), p.getOriginCountry(), toDomain(p.getPosition()), p.getOnGround(),
                    p.getGroundSpeedMps(), p.getTrackDeg(), p.getVerticalRateMps(), p.getSquawk());
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.PositionReported p) {
            return new PositionReported(icao24, flightId, at, toDomain(p.getPosition()), p.getOnGround(), p.getGroundSpeedMps(),
                    p.getTrackDeg(), p.getVerticalRateMps());
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.CallsignChanged p) {
            return new CallsignChanged(icao24, flightId, at, p.getPreviousCallsign(), p.getCallsign());
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.TookOff p) {
            return new TookOff(icao24, flightId, at, toDomain(p.getPosition()), p.getGroundSpeedMps(), p.getTrackDeg(), p.getPreviousFlightId(),
                    toDomain(p.getTrack()));
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.Landed p) {
            return new Landed(icao24, flightId, at, toDomain(p.getPosition()), p.getGroundSpeedMps(), p.getTrackDeg(), toDomain(p.getTrack()));
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.SquawkChanged p) {
            return new SquawkChanged(icao24, flightId, at, p.getPreviousSquawk(), p.getSquawk());
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.EmergencyDeclared p) {
            return new EmergencyDeclared(icao24, flightId, at, toDomain(p.getKind()), p.getSquawk(), toDomain(p.getPosition()));
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.EmergencyCleared p) {
            return new EmergencyCleared(icao24, flightId, at, toDomain(p.getKind()), p.getSquawk());
        }
        if (payload instanceof dev.contrail.schemas.flighttracking.FlightLost p) {
            return new FlightLost(icao24, flightId, at, p.getLastContactAt(), toDomain(p.getLastPosition()), p.getOnGround());
        }
        throw new IllegalArgumentException("Unknown Flight Tracking event payload " + payload.getClass().getName());
    }

    /** The envelope fields that come from the event message rather than the payload. */
    private record Envelope(String eventId, long sequence) {
        Optional<FlightTrackingEvent> of(String icao24, String flightId, Instant occurredAt, Object payload) {
            return Optional.of(FlightTrackingEvent.newBuilder()
                    .setEventId(eventId)
                    .setIcao24(icao24)
                    .setFlightId(flightId)
                    .setSequence(sequence)
                    .setOccurredAt(occurredAt)
                    .setPayload(payload)
                    .build());
        }
    }

    private static dev.contrail.schemas.flighttracking.EmergencyKind toAvro(EmergencyKind kind) {
        return dev.contrail.schemas.flighttracking.EmergencyKind.valueOf(kind.name());
    }

    private static EmergencyKind toDomain(dev.contrail.schemas.flighttracking.EmergencyKind kind) {
        return EmergencyKind.valueOf(kind.name());
    }

    private static dev.contrail.schemas.flighttracking.Position toAvro(Position position) {
        return position == null ? null : dev.contrail.schemas.flighttracking.Position.newBuilder()
                .setLatitude(position.latitude())
                .setLongitude(position.longitude())
                .setBarometricAltitudeM(position.barometricAltitudeM())
                .setGeometricAltitudeM(position.geometricAltitudeM())
                .build();
    }

    private static List<dev.contrail.schemas.flighttracking.TrackPoint> toAvro(List<TrackPoint> track) {
        return track.stream().map(point -> dev.contrail.schemas.flighttracking.TrackPoint.newBuilder()
                .setObservedAt(point.observedAt())
                .setPosition(toAvro(point.position()))
                .setOnGround(point.onGround())
                .setGroundSpeedMps(point.groundSpeedMps())
                .setTrackDeg(point.trackDeg())
                .build()).toList();
    }

    private static List<TrackPoint> toDomain(List<dev.contrail.schemas.flighttracking.TrackPoint> track) {
        return track == null ? List.of() : track.stream().map(point -> new TrackPoint(point.getObservedAt(), toDomain(point.getPosition()),
                point.getOnGround(), point.getGroundSpeedMps(), point.getTrackDeg())).toList();
    }

    private static Position toDomain(dev.contrail.schemas.flighttracking.Position position) {
        return position == null ? null : new Position(position.getLatitude(), position.getLongitude(), position.getBarometricAltitudeM(),
                position.getGeometricAltitudeM());
    }
}
