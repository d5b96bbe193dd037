package dev.contrail.domain.airspace;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One airspace volume — a FIR, a sector, any polygon with a floor and a ceiling — and the aircraft inside it.
 * Event-sourced.
 *
 * <p>The rules:
 * <ul>
 *   <li>Defining an unknown or retired airspace defines it; defining it again the same changes nothing; any
 *       difference is a change.</li>
 *   <li>Retiring an airspace first lets every aircraft inside leave ({@link ExitReason#AIRSPACE_RETIRED}).</li>
 *   <li>An aircraft enters only if it is not inside, and leaves only if it is: each entry and exit is recorded
 *       exactly once however often the edge reports it, and they pair up.</li>
 *   <li>Going over capacity raises {@link CapacityExceeded} once; coming back within it, {@link CapacityRestored}
 *       once. A change of capacity can do either.</li>
 * </ul>
 * Only transitions reach it — the aircraft's positions are tested at the context's edge (ADR 0014) — so a large FIR
 * handles a command per entry or exit, not per position.
 *
 * <p>A volume is its id within the source that defines it ({@link #idOf}, ADR 0021): two files may both define an
 * {@code EIDW} (a FIR and an approach sector) and they are two volumes. Its events name it by its id
 * ({@code airspaceId}); the source is in its definition.
 */
public class AirspaceVolume {

    /** Between the source and the id; a source is a file name and an id is letters, digits, '_', '.', '-': neither has one. */
    public static final char SOURCE_SEPARATOR = '/';

    @AggregateIdentifier
    private String volumeId;
    private String airspaceId;
    private AirspaceDefinition definition;
    private boolean retired;
    /** icao24 → flight id of the aircraft inside, in order of entry. */
    private Map<String, String> occupants = new LinkedHashMap<>();
    private boolean overCapacity;

    /** For Axon: an airspace is rebuilt from its events. */
    protected AirspaceVolume() {
    }

    /** The volume with this id in this source, e.g. {@code vatspy-boundaries.geojson.gz/KZDC}. */
    public static String idOf(String source, String airspaceId) {
        return (source == null ? "" : source) + SOURCE_SEPARATOR + airspaceId;
    }

    /** The source part of {@link #idOf}: what precedes the last separator. */
    public static String sourceOf(String volumeId) {
        int separator = volumeId.lastIndexOf(SOURCE_SEPARATOR);
        return separator < 0 ? "" : volumeId.substring(0, separator);
    }

    /** The id part of {@link #idOf}: what follows the last separator. */
    public static String airspaceIdOf(String volumeId) {
        return volumeId.substring(volumeId.lastIndexOf(SOURCE_SEPARATOR) + 1);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineAirspace command) {
        if (definition == null || retired) {
            apply(new AirspaceDefined(command.airspaceId(), command.definition(), command.at()));
        } else if (!definition.equals(command.definition())) {
            apply(new AirspaceChanged(command.airspaceId(), command.definition(), command.at()));
        } else {
            return;
        }
        checkCapacity(command.at());
    }

    @CommandHandler
    public void handle(RetireAirspace command) {
        if (definition == null || retired) {
            return;
        }
        for (Map.Entry<String, String> occupant : List.copyOf(occupants.entrySet())) {
            apply(new AircraftExitedAirspace(airspaceId, occupant.getKey(), occupant.getValue(), command.at(), null,
                    ExitReason.AIRSPACE_RETIRED, occupants.size() - 1));
        }
        checkCapacity(command.at());
        apply(new AirspaceRetired(airspaceId, command.at()));
    }

    @CommandHandler
    public void handle(RecordEntry command) {
        if (definition == null || retired || occupants.containsKey(command.icao24())) {
            return;
        }
        apply(new AircraftEnteredAirspace(airspaceId, command.icao24(), command.flightId(), command.at(), command.position(),
                occupants.size() + 1));
        checkCapacity(command.at());
    }

    @CommandHandler
    public void handle(RecordExit command) {
        String flightId = occupants.get(command.icao24());
        if (flightId == null) {
            return;
        }
        apply(new AircraftExitedAirspace(airspaceId, command.icao24(), flightId, command.at(), command.position(), command.reason(),
                occupants.size() - 1));
        checkCapacity(command.at());
    }

    private void checkCapacity(Instant at) {
        int capacity = definition.capacity();
        if (!overCapacity && !retired && occupants.size() > capacity) {
            apply(new CapacityExceeded(airspaceId, at, occupants.size(), capacity));
        } else if (overCapacity && occupants.size() <= capacity) {
            apply(new CapacityRestored(airspaceId, at, occupants.size(), capacity));
        }
    }

    @EventSourcingHandler
    void on(AirspaceDefined event) {
        if (volumeId == null) {
            // The source of its first definition names the volume for ever (the only one since ADR 0021; volumes
            // defined before it by several sources were given to the first, as the V21_1 migration did).
            volumeId = idOf(event.definition().source(), event.airspaceId());
        }
        airspaceId = event.airspaceId();
        definition = event.definition();
        retired = false;
    }

    @EventSourcingHandler
    void on(AirspaceChanged event) {
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(AirspaceRetired event) {
        retired = true;
    }

    @EventSourcingHandler
    void on(AircraftEnteredAirspace event) {
        occupants.put(event.icao24(), event.flightId());
    }

    @EventSourcingHandler
    void on(AircraftExitedAirspace event) {
        occupants.remove(event.icao24());
    }

    @EventSourcingHandler
    void on(CapacityExceeded event) {
        overCapacity = true;
    }

    @EventSourcingHandler
    void on(CapacityRestored event) {
        overCapacity = false;
    }

    /** For tests and diagnostics: the aircraft inside, in order of entry. */
    List<String> occupants() {
        return new ArrayList<>(occupants.keySet());
    }
}
