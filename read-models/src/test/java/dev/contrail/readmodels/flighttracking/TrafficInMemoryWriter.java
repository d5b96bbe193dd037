package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link TrafficMinuteWriter} that remembers what it was asked to do; the folding itself is SQL, tested in the api ITs. */
final class TrafficInMemoryWriter implements TrafficMinuteWriter {

    final List<AircraftObservation> recorded = new ArrayList<>();
    final List<Instant> forgotBefore = new ArrayList<>();

    @Override
    public void record(AircraftObservation observation) {
        recorded.add(observation);
    }

    @Override
    public void forgetBefore(Instant horizon) {
        forgotBefore.add(horizon);
    }
}
