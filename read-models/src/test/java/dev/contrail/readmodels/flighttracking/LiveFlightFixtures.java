package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.AircraftObservation;
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

/** Records of the two topics the flight-tracking read models consume, with values from the bundled Dulles capture. */
final class LiveFlightFixtures {

    static final String ICAO24 = "a65527";
    static final Instant T0 = Instant.ofEpochSecond(1678803647L);
    static final String FLIGHT_ID = ICAO24 + "-" + T0.getEpochSecond();

    private LiveFlightFixtures() {
    }

    /** NKS2003 cruising over Dulles, {@code seconds} after {@link #T0}. */
    static AircraftObservation.Builder observation(long seconds) {
        return AircraftObservation.newBuilder()
                .setIcao24(ICAO24)
                .setObservedAt(T0.plusSeconds(seconds))
                .setPositionAt(T0.plusSeconds(seconds))
                .setCallsign("NKS2003")
                .setOriginCountry("United States")
                .setLatitude(38.8778)
                .setLongitude(-77.3974)
                .setBarometricAltitudeM(7010.4)
                .setGeometricAltitudeM(6659.88)
                .setOnGround(false)
                .setGroundSpeedMps(187.84)
                .setTrackDeg(208.46)
                .setVerticalRateMps(0.0)
                .setSquawk("0260")
                .setSource("test");
    }

    static FlightTrackingEvent event(long sequence, long seconds, Object payload) {
        return event(FLIGHT_ID, sequence, seconds, payload);
    }

    static FlightTrackingEvent event(String flightId, long sequence, long seconds, Object payload) {
        return FlightTrackingEvent.newBuilder()
                .setEventId("event-" + sequence)
                .setIcao24(ICAO24)
                .setFlightId(flightId)
                .setSequence(sequence)
                .setOccurredAt(T0.plusSeconds(seconds))
                .setPayload(payload)
                .build();
    }

    static FlightDetected detected() {
        return FlightDetected.newBuilder()
                .setCallsign("NKS2003")
                .setOriginCountry("United States")
                .setPosition(position(38.8778, -77.3974))
                .setOnGround(false)
                .setGroundSpeedMps(187.84)
                .setTrackDeg(208.46)
                .setVerticalRateMps(0.0)
                .setSquawk("0260")
                .build();
    }

    static PositionReported positionReported(double latitude, double longitude) {
        return PositionReported.newBuilder().setPosition(position(latitude, longitude)).setOnGround(false)
                .setGroundSpeedMps(190.2).setTrackDeg(208.5).setVerticalRateMps(1.3).build();
    }

    static CallsignChanged callsignChanged(String previous, String callsign) {
        return CallsignChanged.newBuilder().setPreviousCallsign(previous).setCallsign(callsign).build();
    }

    static SquawkChanged squawkChanged(String previous, String squawk) {
        return SquawkChanged.newBuilder().setPreviousSquawk(previous).setSquawk(squawk).build();
    }

    static EmergencyDeclared emergencyDeclared(EmergencyKind kind, String squawk) {
        return EmergencyDeclared.newBuilder().setKind(kind).setSquawk(squawk).build();
    }

    static EmergencyCleared emergencyCleared(EmergencyKind kind, String squawk) {
        return EmergencyCleared.newBuilder().setKind(kind).setSquawk(squawk).build();
    }

    static TookOff tookOff(String previousFlightId) {
        return TookOff.newBuilder().setPreviousFlightId(previousFlightId).build();
    }

    static Landed landed() {
        return Landed.newBuilder().build();
    }

    static FlightLost flightLost(Instant lastContactAt) {
        return FlightLost.newBuilder().setLastContactAt(lastContactAt).setOnGround(false).build();
    }

    static Position position(double latitude, double longitude) {
        return Position.newBuilder().setLatitude(latitude).setLongitude(longitude)
                .setBarometricAltitudeM(7010.4).setGeometricAltitudeM(6659.88).build();
    }
}
