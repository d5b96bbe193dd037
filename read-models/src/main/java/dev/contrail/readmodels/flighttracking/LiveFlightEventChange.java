package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.EmergencyCleared;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.PositionReported;
import dev.contrail.schemas.flighttracking.SquawkChanged;
import dev.contrail.schemas.flighttracking.TookOff;
import java.time.Instant;
import java.util.Optional;

/**
 * What one integration event does to the flight-level columns of the live-flights model. Kept apart from the SQL
 * so that the PostgreSQL writer and the in-memory writer of the topology tests share one reading of the events.
 *
 * <p>Every event sets {@code flightId} and {@code sequence}, and clears {@code lostAt} unless it is the
 * {@link FlightLost} itself: after a loss, the next event of the aircraft is the first of its next flight. A new
 * {@code flightId} also restarts {@code firstSeen} at the event's time (done by the writers, which know the stored
 * flight id). Positions in events are ignored: the observation stream carries every position, at full rate, and
 * owns those columns.
 *
 * @param callsign the column's new value, or null to leave the column as it is; likewise every {@link Assign}
 * @param lostAt   the new value of {@code lost_at}: the event's time for a {@link FlightLost}, else null
 */
public record LiveFlightEventChange(
        String icao24,
        String flightId,
        long sequence,
        Instant occurredAt,
        Assign<String> callsign,
        Assign<String> originCountry,
        Assign<String> squawk,
        Assign<String> emergency,
        Assign<Instant> tookOffAt,
        Assign<Instant> landedAt,
        Instant lostAt) {

    /** A column's new value; a null {@code Assign} leaves the column alone. */
    public record Assign<T>(T value) {
    }

    /** The change an event makes, or empty for an event this model has no use for. */
    public static Optional<LiveFlightEventChange> of(FlightTrackingEvent event) {
        Instant at = event.getOccurredAt();
        Object payload = event.getPayload();
        Builder change = new Builder(event);
        if (payload instanceof FlightDetected detected) {
            // A new flight: everything flight-level starts again from what the detection says.
            change.callsign = set(detected.getCallsign());
            change.originCountry = set(detected.getOriginCountry());
            change.squawk = set(detected.getSquawk());
            change.emergency = set(null);
            change.tookOffAt = set(null);
            change.landedAt = set(null);
        } else if (payload instanceof PositionReported) {
            // Only proof of life for the flight: its position is also in the observation stream.
        } else if (payload instanceof CallsignChanged changed) {
            change.callsign = set(changed.getCallsign());
        } else if (payload instanceof SquawkChanged changed) {
            change.squawk = set(changed.getSquawk());
        } else if (payload instanceof EmergencyDeclared declared) {
            change.emergency = set(declared.getKind().name());
        } else if (payload instanceof EmergencyCleared) {
            change.emergency = set(null);
        } else if (payload instanceof TookOff) {
            // After a landing, a take-off starts the next flight (the envelope carries its new flightId).
            change.tookOffAt = set(at);
            change.landedAt = set(null);
        } else if (payload instanceof Landed) {
            change.landedAt = set(at);
        } else if (payload instanceof FlightLost) {
            // As the aircraft itself does: a lost flight's emergency is over with it.
            change.emergency = set(null);
            change.lostAt = at;
        } else {
            return Optional.empty();
        }
        return Optional.of(change.build());
    }

    private static <T> Assign<T> set(T value) {
        return new Assign<>(value);
    }

    private static final class Builder {
        private final FlightTrackingEvent event;
        private Assign<String> callsign;
        private Assign<String> originCountry;
        private Assign<String> squawk;
        private Assign<String> emergency;
        private Assign<Instant> tookOffAt;
        private Assign<Instant> landedAt;
        private Instant lostAt;

        Builder(FlightTrackingEvent event) {
            this.event = event;
        }

        LiveFlightEventChange build() {
            return new LiveFlightEventChange(event.getIcao24(), event.getFlightId(), event.getSequence(), event.getOccurredAt(),
                    callsign, originCountry, squawk, emergency, tookOffAt, landedAt, lostAt);
        }
    }
}
