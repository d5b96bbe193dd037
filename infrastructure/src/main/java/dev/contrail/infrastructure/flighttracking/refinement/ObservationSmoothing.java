package dev.contrail.infrastructure.flighttracking.refinement;

import dev.contrail.infrastructure.flighttracking.refinement.state.RefinedAircraft;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;
import java.util.Objects;

/**
 * The per-aircraft half of refinement, as a pure function of what was remembered and what was observed: drop
 * repeats and older observations, drop stale positions, de-flicker {@code on_ground}, and forward an observation
 * only when it tells something new (or as a keep-alive). A reversal of the ground state right after a change is held
 * back until the next report confirms or contradicts it: never forwarded with the state it reverses. Kept free of Kafka so every rule is tested directly.
 */
public final class ObservationSmoothing {

    /** What to remember, and what to forward (null: nothing). */
    public record Result(RefinedAircraft memory, AircraftObservation forwarded) {
    }

    private ObservationSmoothing() {
    }

    public static Result smooth(RefinedAircraft memory, AircraftObservation observation, RefinementSettings settings) {
        long observedAt = observation.getObservedAt().toEpochMilli();
        if (memory != null && observedAt <= memory.getLastObservedAt()) {
            return new Result(memory, null);
        }
        AircraftObservation.Builder refined = AircraftObservation.newBuilder(observation);
        if (isStale(observation, settings)) {
            refined.setPositionAt(null).setLatitude(null).setLongitude(null).setBarometricAltitudeM(null).setGeometricAltitudeM(null);
        }

        RefinedAircraft.Builder next = memory == null
                ? RefinedAircraft.newBuilder().setOnGround(observation.getOnGround())
                : RefinedAircraft.newBuilder(memory);
        next.setLastObservedAt(observedAt);
        deflicker(memory, observation, settings, next);
        if (next.getPendingOnGround() != null) {
            // A reversal right after a change waits for the next report. Forwarded now, it would carry the ground state
            // of the change it contradicts — and an aircraft takes a report that agrees with a change for the report that
            // confirms it (ADR 0022): a one-report flicker in the air would become a landing.
            return new Result(next.build(), null);
        }
        refined.setOnGround(next.getOnGround());

        AircraftObservation candidate = refined.build();
        if (memory != null && !tellsSomethingNew(memory, candidate, settings)) {
            return new Result(next.build(), null);
        }
        next.setLastForwardedAt(observedAt)
                .setCallsign(candidate.getCallsign() != null ? candidate.getCallsign() : next.getCallsign())
                .setSquawk(candidate.getSquawk() != null ? candidate.getSquawk() : next.getSquawk())
                .setGroundSpeedMps(candidate.getGroundSpeedMps())
                .setTrackDeg(candidate.getTrackDeg())
                .setVerticalRateMps(candidate.getVerticalRateMps());
        if (candidate.getLatitude() != null) {
            next.setPositionAt(millis(candidate.getPositionAt())).setLatitude(candidate.getLatitude()).setLongitude(candidate.getLongitude());
        }
        return new Result(next.build(), candidate);
    }

    private static boolean isStale(AircraftObservation observation, RefinementSettings settings) {
        return observation.getPositionAt() != null
                && observation.getPositionAt().plus(settings.stalePositionAfter()).isBefore(observation.getObservedAt());
    }

    /** Decides the forwarded ground state into {@code next}: believe a change when it is plausible and not a flicker. */
    private static void deflicker(RefinedAircraft memory, AircraftObservation observation, RefinementSettings settings,
                                  RefinedAircraft.Builder next) {
        boolean observed = observation.getOnGround();
        if (memory == null || observed == memory.getOnGround()) {
            next.setPendingOnGround(null);
            return;
        }
        Double speed = observation.getGroundSpeedMps();
        boolean plausible = observed
                ? speed == null || speed <= settings.maxTouchdownSpeedMps()
                : speed == null || speed >= settings.minTakeOffSpeedMps();
        if (!plausible) {
            next.setPendingOnGround(null);
            return;
        }
        long observedAt = observation.getObservedAt().toEpochMilli();
        boolean settling = memory.getOnGroundSince() != null
                && observedAt - memory.getOnGroundSince() < settings.settleTime().toMillis();
        if (settling && !Objects.equals(memory.getPendingOnGround(), observed)) {
            // A reversal right after a change: wait for a second observation that agrees.
            next.setPendingOnGround(observed);
            return;
        }
        next.setOnGround(observed).setOnGroundSince(observedAt).setPendingOnGround(null);
    }

    private static boolean tellsSomethingNew(RefinedAircraft memory, AircraftObservation candidate, RefinementSettings settings) {
        long observedAt = candidate.getObservedAt().toEpochMilli();
        boolean newPosition = candidate.getLatitude() != null
                && (!Objects.equals(millis(candidate.getPositionAt()), memory.getPositionAt())
                    || !Objects.equals(candidate.getLatitude(), memory.getLatitude())
                    || !Objects.equals(candidate.getLongitude(), memory.getLongitude()));
        return candidate.getOnGround() != memory.getOnGround()
                || newPosition
                || (candidate.getCallsign() != null && !candidate.getCallsign().equals(memory.getCallsign()))
                || (candidate.getSquawk() != null && !candidate.getSquawk().equals(memory.getSquawk()))
                || !Objects.equals(candidate.getGroundSpeedMps(), memory.getGroundSpeedMps())
                || !Objects.equals(candidate.getTrackDeg(), memory.getTrackDeg())
                || !Objects.equals(candidate.getVerticalRateMps(), memory.getVerticalRateMps())
                || memory.getLastForwardedAt() == null
                || observedAt - memory.getLastForwardedAt() >= settings.keepAliveInterval().toMillis();
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
