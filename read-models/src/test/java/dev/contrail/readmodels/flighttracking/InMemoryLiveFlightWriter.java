package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.LiveFlightEventChange.Assign;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LiveFlightWriter} in a map, with the same rules as {@link JdbcLiveFlightWriter}'s SQL: events go through
 * the same {@link LiveFlightEventChange} and are applied only above the last sequence applied to the aircraft;
 * observations only when newer than its last-seen time, keeping the last known position when they have none; and
 * a row becomes a {@link LiveFlight} once both topics have written it. Records everything it was given, applied or not.
 */
final class InMemoryLiveFlightWriter implements LiveFlightWriter {

    /** One {@code live_flight} row. */
    private static final class Row {
        String icao24;
        String flightId;
        String callsign;
        String originCountry;
        Double latitude;
        Double longitude;
        Double barometricAltitudeM;
        Double geometricAltitudeM;
        Boolean onGround;
        Double groundSpeedMps;
        Double trackDeg;
        Double verticalRateMps;
        String squawk;
        String emergency;
        Instant firstSeen;
        Instant lastSeen;
        Instant tookOffAt;
        Instant landedAt;
        Instant lostAt;
        Long lastSequence;

        /** The generated column {@code lost} of V2_2. */
        boolean lost() {
            return lostAt != null && (lastSeen == null || !lastSeen.isAfter(lostAt));
        }

        Optional<LiveFlight> toLiveFlight() {
            if (flightId == null || lastSeen == null) {
                return Optional.empty();
            }
            return Optional.of(new LiveFlight(icao24, flightId, callsign, originCountry, latitude, longitude, barometricAltitudeM,
                    geometricAltitudeM, Boolean.TRUE.equals(onGround), groundSpeedMps, trackDeg, verticalRateMps, squawk, emergency,
                    firstSeen, lastSeen, tookOffAt, landedAt, lost()));
        }
    }

    private final Map<String, Row> rows = new HashMap<>();
    final List<Object> received = new ArrayList<>();
    // Staging applies at once and remembers what changed until the flush, which is what the subscribers would hear.
    private final Map<String, LiveFlight> changedSinceFlush = new java.util.LinkedHashMap<>();

    @Override
    public void stage(FlightTrackingEvent event) {
        apply(event).ifPresent(flight -> changedSinceFlush.put(flight.icao24(), flight));
    }

    @Override
    public void stage(AircraftObservation observation) {
        apply(observation).ifPresent(flight -> changedSinceFlush.put(flight.icao24(), flight));
    }

    @Override
    public List<LiveFlight> flushChanges() {
        List<LiveFlight> changed = List.copyOf(changedSinceFlush.values());
        changedSinceFlush.clear();
        return changed;
    }

    @Override
    public int staged() {
        return changedSinceFlush.size();
    }

    @Override
    public Optional<LiveFlight> apply(FlightTrackingEvent event) {
        received.add(event);
        Optional<LiveFlightEventChange> maybeChange = LiveFlightEventChange.of(event);
        if (maybeChange.isEmpty()) {
            return Optional.empty();
        }
        LiveFlightEventChange change = maybeChange.get();
        Row row = rows.computeIfAbsent(change.icao24(), this::newRow);
        if (row.lastSequence != null && change.sequence() <= row.lastSequence) {
            return Optional.empty();
        }
        if (!Objects.equals(row.flightId, change.flightId())) {
            row.firstSeen = change.occurredAt();
        }
        row.flightId = change.flightId();
        row.callsign = assign(change.callsign(), row.callsign);
        row.originCountry = assign(change.originCountry(), row.originCountry);
        row.squawk = assign(change.squawk(), row.squawk);
        row.emergency = assign(change.emergency(), row.emergency);
        row.tookOffAt = assign(change.tookOffAt(), row.tookOffAt);
        row.landedAt = assign(change.landedAt(), row.landedAt);
        row.lostAt = change.lostAt();
        row.lastSequence = change.sequence();
        return row.toLiveFlight();
    }

    @Override
    public Optional<LiveFlight> apply(AircraftObservation observation) {
        received.add(observation);
        Row row = rows.computeIfAbsent(observation.getIcao24(), this::newRow);
        if (row.lastSeen != null && !observation.getObservedAt().isAfter(row.lastSeen)) {
            return Optional.empty();
        }
        if (observation.getLatitude() != null) {
            row.latitude = observation.getLatitude();
            row.longitude = observation.getLongitude();
            row.barometricAltitudeM = observation.getBarometricAltitudeM();
            row.geometricAltitudeM = observation.getGeometricAltitudeM();
        }
        row.onGround = observation.getOnGround();
        row.groundSpeedMps = observation.getGroundSpeedMps();
        row.trackDeg = observation.getTrackDeg();
        row.verticalRateMps = observation.getVerticalRateMps();
        row.lastSeen = observation.getObservedAt();
        return row.toLiveFlight();
    }

    /** The aircraft's current state, as a query would see it. */
    Optional<LiveFlight> flight(String icao24) {
        Row row = rows.get(icao24);
        return row == null ? Optional.empty() : row.toLiveFlight();
    }

    private Row newRow(String icao24) {
        Row row = new Row();
        row.icao24 = icao24;
        return row;
    }

    private static <T> T assign(Assign<T> assign, T current) {
        return assign == null ? current : assign.value();
    }
}
