package dev.contrail.domain.airspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which airspaces an aircraft enters and leaves with a new position (ADR 0014): a pure function of the airspaces it
 * is inside and where the position lies against each airspace near it.
 *
 * <ul>
 *   <li>It enters an airspace it is clearly inside ({@link Containment#INSIDE}) and was not in.</li>
 *   <li>It leaves an airspace it was in and is clearly outside of; an airspace not located near the position at all
 *       is clearly outside.</li>
 *   <li>{@link Containment#UNDECIDED} — within the margin of the boundary, or an unknown altitude against a floor
 *       or ceiling — changes nothing: jitter across a boundary does not make a stream of entries and exits.</li>
 * </ul>
 * Exits come before entries, each in the order of the airspace ids, so the outcome is deterministic.
 */
public final class AirspacePresence {

    private AirspacePresence() {
    }

    /** The airspaces entered and left. */
    public record Transitions(List<String> exited, List<String> entered) {

        public boolean isEmpty() {
            return exited.isEmpty() && entered.isEmpty();
        }
    }

    /**
     * @param inside  the airspaces the aircraft is inside
     * @param located where the new position lies against every airspace near it; absent ones are clearly outside
     */
    public static Transitions transitions(Set<String> inside, Map<String, Containment> located) {
        List<String> exited = new ArrayList<>();
        for (String airspace : new TreeSet<>(inside)) {
            if (located.getOrDefault(airspace, Containment.OUTSIDE) == Containment.OUTSIDE) {
                exited.add(airspace);
            }
        }
        List<String> entered = new ArrayList<>();
        for (Map.Entry<String, Containment> candidate : new java.util.TreeMap<>(located).entrySet()) {
            if (candidate.getValue() == Containment.INSIDE && !inside.contains(candidate.getKey())) {
                entered.add(candidate.getKey());
            }
        }
        return new Transitions(List.copyOf(exited), List.copyOf(entered));
    }
}
