package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.TookOff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link FlightHistoryWriter} in a map: loads and stores exactly as {@link FlightHistoryJdbcWriter} does, around the
 * same {@link FlightRecord#after} rules. Records every event it was given, applied or not.
 */
final class FlightHistoryInMemoryWriter implements FlightHistoryWriter {

    final Map<String, FlightRecord> flights = new TreeMap<>();
    final List<FlightTrackingEvent> received = new ArrayList<>();

    @Override
    public Optional<FlightRecord> apply(FlightTrackingEvent event) {
        received.add(event);
        FlightRecord flight = flights.get(event.getFlightId());
        FlightRecord flightBefore = flight == null && event.getPayload() instanceof TookOff tookOff && tookOff.getPreviousFlightId() != null
                ? flights.get(tookOff.getPreviousFlightId())
                : null;
        Optional<FlightRecord> next = FlightRecord.after(flight, event, flightBefore);
        next.ifPresent(changed -> flights.put(changed.flightId(), changed));
        return next;
    }
}
