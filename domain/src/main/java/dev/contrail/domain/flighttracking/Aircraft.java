package dev.contrail.domain.flighttracking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One aircraft, known by its ICAO 24-bit address, and the flight it is on (ADR 0007). Event-sourced: its
 * state only ever changes through the events it applied.
 *
 * <p>The rules:
 * <ul>
 *   <li>An aircraft heard from with no flight in progress starts one ({@link FlightDetected}).</li>
 *   <li>An observation not newer than the last one the aircraft accepted changes nothing: feeds repeat and
 *       reorder snapshots.</li>
 *   <li>Leaving the ground is a {@link TookOff}, touching down a {@link Landed}; a take-off after a landing
 *       starts the next flight.</li>
 *   <li>A new callsign or squawk is recorded; a squawk of 7500, 7600 or 7700 declares an emergency, and
 *       leaving it clears it.</li>
 *   <li>Positions are reported at most once per {@link TrackingPolicy#POSITION_REPORT_INTERVAL}.</li>
 *   <li>An aircraft not heard from since the time a {@link DeclareFlightLost} names loses its flight.</li>
 * </ul>
 * Observations arrive already cleaned by refinement (valid, de-duplicated, {@code on_ground} de-flickered).
 */
public class Aircraft {

    @AggregateIdentifier
    private String icao24;
    private String flightId;
    private boolean landedThisFlight;
    private Instant lastObservedAt;
    private Instant lastPositionReportedAt;
    private Position lastPosition;
    private boolean onGround;
    private String callsign;
    private String squawk;
    private EmergencyKind emergency;

    /** For Axon: an aircraft is rebuilt from its events. */
    protected Aircraft() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordObservation command) {
        Observation observation = command.observation();
        if (flightId == null) {
            detect(command.icao24(), observation);
            return;
        }
        if (!observation.observedAt().isAfter(lastObservedAt)) {
            return;
        }
        Instant at = observation.observedAt();
        Position position = observation.position() != null ? observation.position() : lastPosition;
        if (observation.callsign() != null && !observation.callsign().equals(callsign)) {
            apply(new CallsignChanged(icao24, flightId, at, callsign, observation.callsign()));
        }
        if (observation.squawk() != null && !observation.squawk().equals(squawk)) {
            changeSquawk(observation, position);
        }
        if (onGround && !observation.onGround()) {
            String flight = landedThisFlight ? flightIdFor(icao24, at) : flightId;
            apply(new TookOff(icao24, flight, at, position, observation.groundSpeedMps(), observation.trackDeg(),
                    landedThisFlight ? flightId : null));
        } else if (!onGround && observation.onGround()) {
            apply(new Landed(icao24, flightId, at, position, observation.groundSpeedMps(), observation.trackDeg()));
        } else if (observation.position() != null && !observation.position().equals(lastPosition)
                && TrackingPolicy.positionReportDue(lastPositionReportedAt, observation)) {
            apply(new PositionReported(icao24, flightId, at, observation.position(), observation.onGround(),
                    observation.groundSpeedMps(), observation.trackDeg(), observation.verticalRateMps()));
        }
    }

    @CommandHandler
    public void handle(DeclareFlightLost command) {
        if (flightId == null || lastObservedAt.isAfter(command.lastContactAt())) {
            // No flight to lose, or the aircraft was heard from since: the declaration came too late.
            return;
        }
        apply(new FlightLost(icao24, flightId, command.now(), lastObservedAt, lastPosition, onGround));
    }

    private void detect(String icao24, Observation observation) {
        String flight = flightIdFor(icao24, observation.observedAt());
        apply(new FlightDetected(icao24, flight, observation.observedAt(), observation.callsign(), observation.originCountry(),
                observation.position(), observation.onGround(), observation.groundSpeedMps(), observation.trackDeg(),
                observation.verticalRateMps(), observation.squawk()));
        EmergencyKind.declaredBy(observation.squawk()).ifPresent(kind -> apply(new EmergencyDeclared(
                icao24, flight, observation.observedAt(), kind, observation.squawk(), observation.position())));
    }

    private void changeSquawk(Observation observation, Position position) {
        Instant at = observation.observedAt();
        apply(new SquawkChanged(icao24, flightId, at, squawk, observation.squawk()));
        Optional<EmergencyKind> declared = EmergencyKind.declaredBy(observation.squawk());
        if (emergency != null && declared.map(kind -> kind != emergency).orElse(true)) {
            apply(new EmergencyCleared(icao24, flightId, at, emergency, observation.squawk()));
        }
        declared.filter(kind -> kind != emergency)
                .ifPresent(kind -> apply(new EmergencyDeclared(icao24, flightId, at, kind, observation.squawk(), position)));
    }

    @EventSourcingHandler
    void on(FlightDetected event) {
        icao24 = event.icao24();
        flightId = event.flightId();
        landedThisFlight = false;
        lastObservedAt = event.detectedAt();
        lastPosition = event.position();
        lastPositionReportedAt = event.position() != null ? event.detectedAt() : null;
        onGround = event.onGround();
        callsign = event.callsign();
        squawk = event.squawk();
        emergency = null;
    }

    @EventSourcingHandler
    void on(PositionReported event) {
        lastObservedAt = event.observedAt();
        lastPosition = event.position();
        lastPositionReportedAt = event.observedAt();
        onGround = event.onGround();
    }

    @EventSourcingHandler
    void on(CallsignChanged event) {
        lastObservedAt = event.observedAt();
        callsign = event.callsign();
    }

    @EventSourcingHandler
    void on(SquawkChanged event) {
        lastObservedAt = event.observedAt();
        squawk = event.squawk();
    }

    @EventSourcingHandler
    void on(EmergencyDeclared event) {
        emergency = event.kind();
    }

    @EventSourcingHandler
    void on(EmergencyCleared event) {
        emergency = null;
    }

    @EventSourcingHandler
    void on(TookOff event) {
        flightId = event.flightId();
        landedThisFlight = false;
        onGround = false;
        lastObservedAt = event.observedAt();
        remember(event.position(), event.observedAt());
    }

    @EventSourcingHandler
    void on(Landed event) {
        landedThisFlight = true;
        onGround = true;
        lastObservedAt = event.observedAt();
        remember(event.position(), event.observedAt());
    }

    @EventSourcingHandler
    void on(FlightLost event) {
        flightId = null;
        emergency = null;
    }

    private void remember(Position position, Instant at) {
        if (position != null) {
            lastPosition = position;
            lastPositionReportedAt = at;
        }
    }

    /** A flight is named by its aircraft and the second it began: unique and readable. */
    static String flightIdFor(String icao24, Instant startedAt) {
        Objects.requireNonNull(startedAt, "startedAt");
        return icao24 + "-" + startedAt.getEpochSecond();
    }
}
