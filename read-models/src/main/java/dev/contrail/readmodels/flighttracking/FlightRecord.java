package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.TookOff;
import java.time.Instant;
import java.util.Optional;

/**
 * One flight, from the moment Contrail knew of it to its landing or loss: what the flight-history read model
 * keeps and serves. Altitudes in metres.
 *
 * @param callsign       the latest callsign the aircraft transmitted on this flight
 * @param detectedAt     when Contrail first knew of the flight: its detection, or the take-off that began it
 * @param lostAt         when Contrail declared the flight lost (null unless it was)
 * @param lastContactAt  when the aircraft was last heard from before the flight was lost
 * @param lostPosition   where the aircraft was last known to be when the flight was lost
 * @param lastActivityAt the time of the flight's latest event
 * @param lastSequence   the aircraft's event sequence last applied to this flight
 */
public record FlightRecord(
        String flightId,
        String icao24,
        String callsign,
        Status status,
        Instant detectedAt,
        Place detectedPosition,
        Instant tookOffAt,
        Place tookOffPosition,
        Instant landedAt,
        Place landedPosition,
        Instant lostAt,
        Instant lastContactAt,
        Place lostPosition,
        Instant lastActivityAt,
        long lastSequence) {

    /** Where a flight stands. */
    public enum Status {
        /** Detected on the ground and not departed (yet). */
        DETECTED,
        /** In the air: detected airborne, or took off. */
        AIRBORNE,
        /** Touched down: the flight is over. A later loss of contact (parked, transponder off) does not change that. */
        LANDED,
        /** Not heard from for too long before it landed: the flight is over for Contrail. */
        LOST
    }

    /** A point of a flight: WGS-84 degrees, altitudes in metres (either may be unknown). */
    public record Place(double latitude, double longitude, Double barometricAltitudeM, Double geometricAltitudeM) {

        static Place of(Position position) {
            return position == null ? null
                    : new Place(position.getLatitude(), position.getLongitude(), position.getBarometricAltitudeM(), position.getGeometricAltitudeM());
        }

        /** The place, or null when the columns hold none (latitude and longitude are set together or not at all). */
        static Place of(Double latitude, Double longitude, Double barometricAltitudeM, Double geometricAltitudeM) {
            return latitude == null || longitude == null ? null : new Place(latitude, longitude, barometricAltitudeM, geometricAltitudeM);
        }
    }

    /**
     * The rules of the read model: the flight after one of its aircraft's events. A pure function, so that the rules
     * are tested without a database and every writer applies the same ones.
     *
     * @param flight      the flight the event's envelope names, or null if none is known yet
     * @param event       the event
     * @param flightBefore the flight that ended with the landing before a take-off that begins a new flight
     *                    ({@link TookOff#getPreviousFlightId()}), or null: the new flight keeps its callsign, since
     *                    the aircraft announces a callsign change only when it makes one
     * @return the flight as it is now, or empty when the event changes nothing: a redelivery (its sequence is not
     *         above the last one applied to the flight), a second detection of a detected flight, or an event of a
     *         flight that was never started
     */
    public static Optional<FlightRecord> after(FlightRecord flight, FlightTrackingEvent event, FlightRecord flightBefore) {
        if (flight != null && event.getSequence() <= flight.lastSequence()) {
            return Optional.empty();
        }
        Instant at = event.getOccurredAt();
        Object payload = event.getPayload();
        if (payload instanceof FlightDetected detected) {
            // A flight is named after its detection second, so it is detected once; anything else is not a detection of it.
            return flight != null ? Optional.empty() : Optional.of(new FlightRecord(event.getFlightId(), event.getIcao24(),
                    detected.getCallsign(), detected.getOnGround() ? Status.DETECTED : Status.AIRBORNE,
                    at, Place.of(detected.getPosition()), null, null, null, null, null, null, null, at, event.getSequence()));
        }
        if (payload instanceof TookOff tookOff) {
            Place place = Place.of(tookOff.getPosition());
            FlightRecord departing = flight != null ? flight : new FlightRecord(event.getFlightId(), event.getIcao24(),
                    flightBefore == null ? null : flightBefore.callsign(), Status.AIRBORNE,
                    at, place, null, null, null, null, null, null, null, at, event.getSequence());
            return Optional.of(departing.tookOff(at, place).heard(at, event.getSequence()));
        }
        if (flight == null) {
            // Every event of a flight follows its start on the aircraft's partition, and the events topic keeps
            // everything (ADR 0005): an event of an unknown flight has nothing to attach to.
            return Optional.empty();
        }
        FlightRecord next = flight;
        if (payload instanceof CallsignChanged changed) {
            next = flight.withCallsign(changed.getCallsign());
        } else if (payload instanceof Landed landed) {
            next = flight.landed(at, Place.of(landed.getPosition()));
        } else if (payload instanceof FlightLost lost) {
            next = flight.lost(at, lost.getLastContactAt(), Place.of(lost.getLastPosition()));
        }
        // Positions, squawks and emergencies change nothing kept here, but they are the flight's activity.
        return Optional.of(next.heard(at, event.getSequence()));
    }

    private FlightRecord heard(Instant at, long sequence) {
        return new FlightRecord(flightId, icao24, callsign, status, detectedAt, detectedPosition, tookOffAt, tookOffPosition,
                landedAt, landedPosition, lostAt, lastContactAt, lostPosition, at, sequence);
    }

    private FlightRecord withCallsign(String newCallsign) {
        return new FlightRecord(flightId, icao24, newCallsign, status, detectedAt, detectedPosition, tookOffAt, tookOffPosition,
                landedAt, landedPosition, lostAt, lastContactAt, lostPosition, lastActivityAt, lastSequence);
    }

    private FlightRecord tookOff(Instant at, Place place) {
        return new FlightRecord(flightId, icao24, callsign, Status.AIRBORNE, detectedAt, detectedPosition, at, place,
                landedAt, landedPosition, lostAt, lastContactAt, lostPosition, lastActivityAt, lastSequence);
    }

    private FlightRecord landed(Instant at, Place place) {
        return new FlightRecord(flightId, icao24, callsign, Status.LANDED, detectedAt, detectedPosition, tookOffAt, tookOffPosition,
                at, place, lostAt, lastContactAt, lostPosition, lastActivityAt, lastSequence);
    }

    private FlightRecord lost(Instant at, Instant lastContact, Place lastKnown) {
        return new FlightRecord(flightId, icao24, callsign, status == Status.LANDED ? Status.LANDED : Status.LOST,
                detectedAt, detectedPosition, tookOffAt, tookOffPosition, landedAt, landedPosition, at, lastContact, lastKnown,
                lastActivityAt, lastSequence);
    }
}
