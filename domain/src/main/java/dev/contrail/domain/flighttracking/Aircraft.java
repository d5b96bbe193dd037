package dev.contrail.domain.flighttracking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>A report that changes the ground state is only reported ({@link TouchdownReported}, {@link LiftOffReported});
 *       the next report that agrees with it confirms it as a {@link Landed} or {@link TookOff}, dated and placed at
 *       the change; the next report that contradicts it makes it a {@link GroundStateFlickered}, which is neither.
 *       A report on the ground slower than any aeroplane flies ({@link TrackingPolicy#provesGround}) is a landing at
 *       once. An aircraft that falls silent after the change has it confirmed before its flight is lost: silence does
 *       not contradict it. A report claiming the ground while climbing or sinking fast
 *       ({@link TrackingPolicy#contradictsGround}) is a report in the air (ADR 0022).</li>
 *   <li>A take-off after a landing starts the next flight.</li>
 *   <li>A landing carries the approach, a take-off its take-off roll and initial climb, from the recent track the
 *       intake tells the aircraft with each observation (ADR 0023).</li>
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
    /** A change of ground state reported and not yet confirmed or contradicted (ADR 0022), else null. */
    private PendingChange pending;

    /** What a {@link TouchdownReported} or {@link LiftOffReported} said, until the next report decides. */
    private record PendingChange(boolean onGround, Instant at, Position position, Double groundSpeedMps, Double trackDeg,
                                 List<TrackPoint> trackBefore) {
    }

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
        boolean reportsGround = TrackingPolicy.reportsGround(observation);
        if (pending != null) {
            if (reportsGround == pending.onGround()) {
                confirm(command.recentTrack(), observation);
            } else {
                apply(new GroundStateFlickered(icao24, flightId, pending.at(), pending.onGround(), at));
            }
        }
        if (reportsGround != onGround) {
            List<TrackPoint> before = command.recentTrack().stream().filter(point -> point.observedAt().isBefore(at)).toList();
            if (reportsGround && TrackingPolicy.provesGround(observation)) {
                apply(new Landed(icao24, flightId, at, position, observation.groundSpeedMps(), observation.trackDeg(), before));
            } else if (reportsGround) {
                apply(new TouchdownReported(icao24, flightId, at, position, observation.groundSpeedMps(), observation.trackDeg(), before));
            } else {
                apply(new LiftOffReported(icao24, flightId, at, position, observation.groundSpeedMps(), observation.trackDeg(), before));
            }
        } else if (observation.position() != null && !observation.position().equals(lastPosition)
                && TrackingPolicy.positionReportDue(lastPositionReportedAt, observation)) {
            apply(new PositionReported(icao24, flightId, at, observation.position(), reportsGround,
                    observation.groundSpeedMps(), observation.trackDeg(), observation.verticalRateMps()));
        }
    }

    /**
     * The pending change of ground state happened: a landing, or a take-off (which starts the next flight after a
     * landing). {@code confirming} is the report that agreed with it, or null when the aircraft fell silent.
     */
    private void confirm(List<TrackPoint> recentTrack, Observation confirming) {
        PendingChange change = pending;
        if (change.onGround()) {
            apply(new Landed(icao24, flightId, change.at(), change.position(), change.groundSpeedMps(), change.trackDeg(),
                    change.trackBefore()));
            return;
        }
        List<TrackPoint> departure = new ArrayList<>(change.trackBefore());
        if (change.position() != null) {
            departure.add(new TrackPoint(change.at(), change.position(), false, change.groundSpeedMps(), change.trackDeg()));
        }
        recentTrack.stream().filter(point -> point.observedAt().isAfter(change.at())).forEach(departure::add);
        if (confirming != null && confirming.position() != null
                && departure.stream().noneMatch(point -> point.observedAt().equals(confirming.observedAt()))) {
            departure.add(new TrackPoint(confirming.observedAt(), confirming.position(), false, confirming.groundSpeedMps(),
                    confirming.trackDeg()));
        }
        String flight = landedThisFlight ? flightIdFor(icao24, change.at()) : flightId;
        apply(new TookOff(icao24, flight, change.at(), change.position(), change.groundSpeedMps(), change.trackDeg(),
                landedThisFlight ? flightId : null, departure));
    }

    @CommandHandler
    public void handle(DeclareFlightLost command) {
        if (flightId == null || lastObservedAt.isAfter(command.lastContactAt())) {
            // No flight to lose, or the aircraft was heard from since: the declaration came too late.
            return;
        }
        if (pending != null) {
            // Silence does not contradict a change of ground state: an aircraft landing out of coverage, or switching its
            // transponder off on the runway, is last heard on the ground.
            confirm(List.of(), null);
        }
        apply(new FlightLost(icao24, flightId, command.now(), lastObservedAt, lastPosition, onGround));
    }

    private void detect(String icao24, Observation observation) {
        String flight = flightIdFor(icao24, observation.observedAt());
        apply(new FlightDetected(icao24, flight, observation.observedAt(), observation.callsign(), observation.originCountry(),
                observation.position(), TrackingPolicy.reportsGround(observation),
                observation.groundSpeedMps(), observation.trackDeg(),
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
        pending = null;
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
    void on(TouchdownReported event) {
        pending = new PendingChange(true, event.observedAt(), event.position(), event.groundSpeedMps(), event.trackDeg(), event.approach());
        lastObservedAt = event.observedAt();
        remember(event.position(), event.observedAt());
    }

    @EventSourcingHandler
    void on(LiftOffReported event) {
        pending = new PendingChange(false, event.observedAt(), event.position(), event.groundSpeedMps(), event.trackDeg(),
                event.takeOffRoll());
        lastObservedAt = event.observedAt();
        remember(event.position(), event.observedAt());
    }

    @EventSourcingHandler
    void on(GroundStateFlickered event) {
        pending = null;
        lastObservedAt = latest(lastObservedAt, event.contradictedAt());
    }

    @EventSourcingHandler
    void on(TookOff event) {
        flightId = event.flightId();
        landedThisFlight = false;
        onGround = false;
        pending = null;
        lastObservedAt = latest(lastObservedAt, event.observedAt());
        remember(event.position(), event.observedAt());
    }

    @EventSourcingHandler
    void on(Landed event) {
        landedThisFlight = true;
        onGround = true;
        pending = null;
        lastObservedAt = latest(lastObservedAt, event.observedAt());
        remember(event.position(), event.observedAt());
    }

    @EventSourcingHandler
    void on(FlightLost event) {
        flightId = null;
        emergency = null;
        pending = null;
    }

    /** Remembers a position unless a newer one is already known (a confirmed change is dated at its first report). */
    private void remember(Position position, Instant at) {
        if (position != null && (lastPositionReportedAt == null || !at.isBefore(lastPositionReportedAt))) {
            lastPosition = position;
            lastPositionReportedAt = at;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** A flight is named by its aircraft and the second it began: unique and readable. */
    static String flightIdFor(String icao24, Instant startedAt) {
        Objects.requireNonNull(startedAt, "startedAt");
        return icao24 + "-" + startedAt.getEpochSecond();
    }
}
