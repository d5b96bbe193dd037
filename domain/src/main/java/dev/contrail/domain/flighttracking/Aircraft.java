package dev.contrail.domain.flighttracking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One aircraft, known by its ICAO 24-bit address, and the flight it is on. Event-sourced: its state is
 * only ever changed by the events it applied.
 *
 * <p>Rules kept here: the first observation of an aircraft starts a flight; an observation that is not
 * newer than the last one the aircraft accepted is ignored (feeds repeat and reorder snapshots); a new
 * position is reported only when the aircraft actually moved.
 */
public class Aircraft {

    @AggregateIdentifier
    private String icao24;
    private String flightId;
    private Instant lastObservedAt;
    private Position lastPosition;
    private boolean onGround;

    /** For Axon: an aircraft is rebuilt from its events. */
    protected Aircraft() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordObservation command) {
        Observation observation = command.observation();
        if (flightId == null) {
            apply(new FlightDetected(
                    command.icao24(),
                    flightIdFor(command.icao24(), observation.observedAt()),
                    observation.observedAt(),
                    observation.callsign(),
                    observation.originCountry(),
                    observation.position(),
                    observation.onGround(),
                    observation.groundSpeedMps(),
                    observation.trackDeg(),
                    observation.verticalRateMps(),
                    observation.squawk()));
            return;
        }
        if (!observation.observedAt().isAfter(lastObservedAt)) {
            return;
        }
        Position position = observation.position() != null ? observation.position() : lastPosition;
        boolean moved = !Objects.equals(position, lastPosition);
        if (position != null && (moved || observation.onGround() != onGround)) {
            apply(new PositionReported(
                    icao24,
                    flightId,
                    observation.observedAt(),
                    position,
                    observation.onGround(),
                    observation.groundSpeedMps(),
                    observation.trackDeg(),
                    observation.verticalRateMps()));
        }
    }

    @EventSourcingHandler
    void on(FlightDetected event) {
        icao24 = event.icao24();
        flightId = event.flightId();
        lastObservedAt = event.detectedAt();
        lastPosition = event.position();
        onGround = event.onGround();
    }

    @EventSourcingHandler
    void on(PositionReported event) {
        lastObservedAt = event.observedAt();
        lastPosition = event.position();
        onGround = event.onGround();
    }

    /** A flight is named by its aircraft and the second it was first detected: unique and readable. */
    static String flightIdFor(String icao24, Instant detectedAt) {
        Objects.requireNonNull(detectedAt, "detectedAt");
        return icao24 + "-" + detectedAt.getEpochSecond();
    }
}
