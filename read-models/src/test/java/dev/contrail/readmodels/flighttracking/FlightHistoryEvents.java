package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.EmergencyCleared;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.EmergencyKind;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.SquawkChanged;
import dev.contrail.schemas.flighttracking.TookOff;
import java.time.Instant;

/**
 * One aircraft's integration events as Flight Tracking publishes them: sequences counted up from 0, the flight id
 * of the flight in progress on each envelope, a take-off after a landing beginning the next flight.
 */
final class FlightHistoryEvents {

    /** 14:20:47 UTC on the day of the bundled capture. */
    static final Instant T0 = Instant.parse("2023-03-14T14:20:47Z");
    static final Position DULLES_RUNWAY_19C = position(38.9445, -77.4558, null);
    static final Position OVER_DULLES = position(38.8778, -77.3974, 7010.4);
    static final Position BOSTON_LOGAN = position(42.3656, -71.0096, null);

    private final String icao24;
    private long sequence;
    private String flightId;
    private boolean landed;

    FlightHistoryEvents(String icao24) {
        this.icao24 = icao24;
    }

    String flightId() {
        return flightId;
    }

    FlightTrackingEvent detected(Instant at, String callsign, boolean onGround, Position position, String squawk) {
        flightId = icao24 + "-" + at.getEpochSecond();
        landed = false;
        return envelope(at, FlightDetected.newBuilder().setCallsign(callsign).setOriginCountry("United States")
                .setPosition(position).setOnGround(onGround).setGroundSpeedMps(onGround ? 0.0 : 187.84).setTrackDeg(208.46)
                .setVerticalRateMps(0.0).setSquawk(squawk).build());
    }

    FlightTrackingEvent tookOff(Instant at, Position position) {
        String previous = null;
        if (landed) {
            previous = flightId;
            flightId = icao24 + "-" + at.getEpochSecond();
            landed = false;
        }
        return envelope(at, TookOff.newBuilder().setPosition(position).setGroundSpeedMps(80.0).setTrackDeg(190.0)
                .setPreviousFlightId(previous).build());
    }

    FlightTrackingEvent positionReported(Instant at, Position position) {
        return envelope(at, PositionReported.newBuilder().setPosition(position).setOnGround(false).setGroundSpeedMps(190.2)
                .setTrackDeg(208.5).setVerticalRateMps(1.3).build());
    }

    FlightTrackingEvent callsignChanged(Instant at, String previous, String callsign) {
        return envelope(at, CallsignChanged.newBuilder().setPreviousCallsign(previous).setCallsign(callsign).build());
    }

    FlightTrackingEvent landed(Instant at, Position position) {
        landed = true;
        return envelope(at, Landed.newBuilder().setPosition(position).setGroundSpeedMps(30.0).setTrackDeg(40.0).build());
    }

    FlightTrackingEvent squawkChanged(Instant at, String previous, String squawk) {
        return envelope(at, SquawkChanged.newBuilder().setPreviousSquawk(previous).setSquawk(squawk).build());
    }

    FlightTrackingEvent emergencyDeclared(Instant at, EmergencyKind kind, String squawk, Position position) {
        return envelope(at, EmergencyDeclared.newBuilder().setKind(kind).setSquawk(squawk).setPosition(position).build());
    }

    FlightTrackingEvent emergencyCleared(Instant at, EmergencyKind kind, String squawkNow) {
        return envelope(at, EmergencyCleared.newBuilder().setKind(kind).setSquawk(squawkNow).build());
    }

    FlightTrackingEvent lost(Instant at, Instant lastContactAt, Position lastPosition, boolean onGround) {
        FlightTrackingEvent event = envelope(at, FlightLost.newBuilder().setLastContactAt(lastContactAt).setLastPosition(lastPosition)
                .setOnGround(onGround).build());
        flightId = null;
        return event;
    }

    private FlightTrackingEvent envelope(Instant at, Object payload) {
        long next = sequence++;
        return FlightTrackingEvent.newBuilder()
                .setEventId(icao24 + "-event-" + next)
                .setIcao24(icao24)
                .setFlightId(flightId)
                .setSequence(next)
                .setOccurredAt(at)
                .setPayload(payload)
                .build();
    }

    static Position position(double latitude, double longitude, Double barometricAltitudeM) {
        return Position.newBuilder().setLatitude(latitude).setLongitude(longitude)
                .setBarometricAltitudeM(barometricAltitudeM).setGeometricAltitudeM(barometricAltitudeM == null ? null : barometricAltitudeM - 350.52)
                .build();
    }
}
