package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.ArrayStatements.AT;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.bool;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.float8;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.int8;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.text;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.timestamps;

import dev.contrail.readmodels.flighttracking.ArrayStatements.Column;
import dev.contrail.readmodels.flighttracking.LiveFlightEventChange.Assign;
import dev.contrail.readmodels.projection.RejectedRecords;
import dev.contrail.readmodels.projection.RowByRow;
import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the live-flights read model. Each topic writes only its own columns under its own guard
 * ({@code last_sequence} for events, {@code last_seen} for observations), which makes every write idempotent and the
 * result independent of how the two topics interleave.
 *
 * <p>Records are staged and written in batches ({@link #stage}, {@link #flushChanges}; ADR 0020): one transaction,
 * and in it a few multi-row statements ({@code INSERT ... SELECT FROM unnest(arrays)}, ADR 0030) that return the rows
 * they changed, for the subscribers: no statement per record, no query to read them back. Observations are
 * conflated per aircraft while staged — only the newest can pass the {@code last_seen} guard, so the others need not
 * be sent — keeping also the newest one with a position when the newest has none, since an observation without a
 * position keeps the last known one. Events are all sent, in order: each sets different columns.
 * {@link #apply} writes one record at once, with {@code RETURNING} handing back the merged row in the same round trip.
 */
public class JdbcLiveFlightWriter implements LiveFlightWriter {

    private static final String COLUMNS = "icao24, flight_id, callsign, origin_country, latitude, longitude, barometric_altitude_m, "
            + "geometric_altitude_m, on_ground, ground_speed_mps, track_deg, vertical_rate_mps, squawk, emergency, "
            + "first_seen, last_seen, took_off_at, landed_at, lost";

    /**
     * An observation is the aircraft's "where and how" at {@code observed_at}. One without a position keeps the last
     * known one, as a whole: coordinates and altitudes of different moments do not make a position.
     */
    private static final String OBSERVED = """
            INSERT INTO live_flight AS f (icao24, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps, last_seen)
            VALUES (:icao24, :latitude, :longitude, :barometricAltitudeM, :geometricAltitudeM,
                :onGround, :groundSpeedMps, :trackDeg, :verticalRateMps, :observedAt)
            ON CONFLICT (icao24) DO UPDATE SET
                latitude = CASE WHEN EXCLUDED.latitude IS NULL THEN f.latitude ELSE EXCLUDED.latitude END,
                longitude = CASE WHEN EXCLUDED.latitude IS NULL THEN f.longitude ELSE EXCLUDED.longitude END,
                barometric_altitude_m = CASE WHEN EXCLUDED.latitude IS NULL THEN f.barometric_altitude_m ELSE EXCLUDED.barometric_altitude_m END,
                geometric_altitude_m = CASE WHEN EXCLUDED.latitude IS NULL THEN f.geometric_altitude_m ELSE EXCLUDED.geometric_altitude_m END,
                on_ground = EXCLUDED.on_ground, ground_speed_mps = EXCLUDED.ground_speed_mps, track_deg = EXCLUDED.track_deg,
                vertical_rate_mps = EXCLUDED.vertical_rate_mps, last_seen = EXCLUDED.last_seen
            WHERE f.last_seen IS NULL OR f.last_seen < EXCLUDED.last_seen
            """;

    /**
     * An event sets the columns its {@link LiveFlightEventChange} assigns and leaves the others. A flight id other
     * than the stored one is a new flight, which starts {@code first_seen} again.
     */
    private static final String HAPPENED = """
            INSERT INTO live_flight AS f (icao24, flight_id, callsign, origin_country, squawk, emergency, first_seen,
                took_off_at, landed_at, lost_at, last_sequence)
            VALUES (:icao24, :flightId, :callsign, :originCountry, :squawk, :emergency, :occurredAt,
                :tookOffAt, :landedAt, :lostAt, :sequence)
            ON CONFLICT (icao24) DO UPDATE SET
                flight_id = EXCLUDED.flight_id,
                first_seen = CASE WHEN f.flight_id IS DISTINCT FROM EXCLUDED.flight_id THEN EXCLUDED.first_seen ELSE f.first_seen END,
                callsign = CASE WHEN :setsCallsign THEN EXCLUDED.callsign ELSE f.callsign END,
                origin_country = CASE WHEN :setsOriginCountry THEN EXCLUDED.origin_country ELSE f.origin_country END,
                squawk = CASE WHEN :setsSquawk THEN EXCLUDED.squawk ELSE f.squawk END,
                emergency = CASE WHEN :setsEmergency THEN EXCLUDED.emergency ELSE f.emergency END,
                took_off_at = CASE WHEN :setsTookOffAt THEN EXCLUDED.took_off_at ELSE f.took_off_at END,
                landed_at = CASE WHEN :setsLandedAt THEN EXCLUDED.landed_at ELSE f.landed_at END,
                lost_at = EXCLUDED.lost_at,
                last_sequence = EXCLUDED.last_sequence
            WHERE f.last_sequence IS NULL OR f.last_sequence < EXCLUDED.last_sequence
            """;

    /** {@link #OBSERVED} for many aircraft at once, one row each, from one array per column; returns the rows it changed. */
    private static final String OBSERVED_ROWS = """
            INSERT INTO live_flight AS f (icao24, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps, last_seen)
            SELECT o.icao24, o.latitude, o.longitude, o.barometric_altitude_m, o.geometric_altitude_m,
                o.on_ground, o.ground_speed_mps, o.track_deg, o.vertical_rate_mps, %s
            FROM unnest(?::varchar[], ?::int8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::bool[], ?::float8[], ?::float8[], ?::float8[])
                AS o(icao24, observed_at, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                     on_ground, ground_speed_mps, track_deg, vertical_rate_mps)
            """.formatted(AT.formatted("o.observed_at")) + OBSERVED.substring(OBSERVED.indexOf("ON CONFLICT"));

    /** {@link #HAPPENED} for many aircraft at once, one row each, by the set of columns their events assign. */
    private static final Map<Integer, String> HAPPENED_ROWS = new ConcurrentHashMap<>();

    private static String happenedRows(int assigned) {
        StringBuilder sets = new StringBuilder();
        String[] columns = {"callsign", "origin_country", "squawk", "emergency", "took_off_at", "landed_at"};
        for (int bit = 0; bit < columns.length; bit++) {
            if ((assigned & (1 << bit)) != 0) {
                sets.append("    ").append(columns[bit]).append(" = EXCLUDED.").append(columns[bit]).append(",\n");
            }
        }
        return """
                INSERT INTO live_flight AS f (icao24, flight_id, callsign, origin_country, squawk, emergency, first_seen,
                    took_off_at, landed_at, lost_at, last_sequence)
                SELECT e.icao24, e.flight_id, e.callsign, e.origin_country, e.squawk, e.emergency, %s,
                    %s, %s, %s, e.sequence
                FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::int8[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                            ?::int8[], ?::int8[], ?::int8[])
                    AS e(icao24, flight_id, sequence, occurred_at, callsign, origin_country, squawk, emergency, took_off_at, landed_at, lost_at)
                ON CONFLICT (icao24) DO UPDATE SET
                    flight_id = EXCLUDED.flight_id,
                    first_seen = CASE WHEN f.flight_id IS DISTINCT FROM EXCLUDED.flight_id THEN EXCLUDED.first_seen ELSE f.first_seen END,
                %s    lost_at = EXCLUDED.lost_at,
                    last_sequence = EXCLUDED.last_sequence
                WHERE f.last_sequence IS NULL OR f.last_sequence < EXCLUDED.last_sequence
                """.formatted(AT.formatted("e.occurred_at"), AT.formatted("e.took_off_at"), AT.formatted("e.landed_at"),
                AT.formatted("e.lost_at"), sets);
    }

    /** Maps a row to a {@link LiveFlight}, or to null while one of the two topics has not written it yet. */
    static final RowMapper<LiveFlight> ROW_MAPPER = JdbcLiveFlightWriter::liveFlight;

    private static final String RETURNING = " RETURNING " + COLUMNS;

    private static final String CURRENT = "SELECT " + COLUMNS + " FROM live_flight WHERE icao24 IN (:icao24s)";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    // Staged, guarded by this. The two statements own disjoint columns under their own guards (ADR 0009), so writing
    // all the observations before all the events leaves the same rows as the records' own order would.
    private final Map<String, Staged<AircraftObservation>> newest = new HashMap<>();
    private final Map<String, Staged<AircraftObservation>> newestWithPosition = new HashMap<>();
    private final Map<String, List<Staged<LiveFlightEventChange>>> events = new LinkedHashMap<>();
    private int eventCount;
    private final RejectedRecords rejected;

    /** A staged record and where it came from (null if unknown). */
    private record Staged<T>(T record, SourceRecord source) {
    }

    /** An aircraft's row as a statement returned it; {@code flight} is null while the row is not complete. */
    private record Returned(String icao24, LiveFlight flight) {
    }

    public JdbcLiveFlightWriter(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, RejectedRecords.NONE);
    }

    /** @param rejected where the records go whose rows the table refuses, e.g. a callsign too long (ADR 0025) */
    public JdbcLiveFlightWriter(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected) {
        this.jdbc = jdbc;
        this.rejected = rejected;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
    }

    @Override
    public Optional<LiveFlight> apply(FlightTrackingEvent event) {
        return parameters(event).flatMap(parameters -> write(HAPPENED, parameters));
    }

    @Override
    public Optional<LiveFlight> apply(AircraftObservation observation) {
        return write(OBSERVED, parameters(observation));
    }

    @Override
    public void stage(FlightTrackingEvent event) {
        stage(event, null);
    }

    @Override
    public synchronized void stage(FlightTrackingEvent event, SourceRecord source) {
        LiveFlightEventChange.of(event).ifPresent(change -> {
            events.computeIfAbsent(change.icao24(), icao24 -> new ArrayList<>(2)).add(new Staged<>(change, source));
            eventCount++;
        });
    }

    @Override
    public void stage(AircraftObservation observation) {
        stage(observation, null);
    }

    @Override
    public synchronized void stage(AircraftObservation observation, SourceRecord source) {
        String icao24 = observation.getIcao24();
        var staged = new Staged<>(observation, source);
        newest.merge(icao24, staged, JdbcLiveFlightWriter::newer);
        if (observation.getLatitude() != null) {
            newestWithPosition.merge(icao24, staged, JdbcLiveFlightWriter::newer);
        }
    }

    @Override
    public synchronized int staged() {
        return newest.size() + eventCount;
    }

    @Override
    public synchronized void flush() {
        write(false); // a rebuilding generation: nobody to tell, so no rows back
    }

    @Override
    public synchronized List<LiveFlight> flushChanges() {
        return write(true).values().stream().filter(Objects::nonNull).toList();
    }

    /**
     * Writes what is staged in one transaction, with one multi-row statement per round (ADR 0030): the rows of a
     * statement are {@code unnest}ed from one array per column, and with {@code rowsBack} (subscribers to tell) the
     * statement returns the rows it changed, so no query reads them back. {@code ON CONFLICT DO UPDATE} may change a row once per statement, hence the rounds:
     * the observations with the newest position where the newest observation has none, then the newest observations;
     * then the first event of each aircraft, its second, and so on, each round in one statement per set of columns its
     * events assign. Returns the aircraft whose row changed, each as the last statement left it (null while the row is
     * not complete), in the order they were first changed.
     */
    private Map<String, LiveFlight> write(boolean rowsBack) {
        if (newest.isEmpty() && events.isEmpty()) {
            return Map.of();
        }
        List<Staged<AircraftObservation>> positionsFirst = new ArrayList<>();
        List<Staged<AircraftObservation>> newestObservations = new ArrayList<>(newest.size());
        List<Object> rows = new ArrayList<>(newest.size() + newestWithPosition.size() + eventCount);
        newest.forEach((icao24, observation) -> {
            Staged<AircraftObservation> positioned = newestWithPosition.get(icao24);
            if (positioned != null && positioned != observation) {
                // older, so written first: its position stays, the rest moves on
                positionsFirst.add(positioned);
                rows.add(positioned);
            }
            newestObservations.add(observation);
            rows.add(observation);
        });
        List<List<Staged<LiveFlightEventChange>>> eventRounds = new ArrayList<>();
        events.values().forEach(ofAircraft -> {
            for (int round = 0; round < ofAircraft.size(); round++) {
                if (eventRounds.size() == round) {
                    eventRounds.add(new ArrayList<>());
                }
                eventRounds.get(round).add(ofAircraft.get(round));
            }
            rows.addAll(ofAircraft);
        });
        Map<String, LiveFlight> changed = new LinkedHashMap<>();
        boolean[] oneByOne = {false};
        RowByRow.write("live-flights batch of " + rows.size() + " rows", () -> {
            Map<String, LiveFlight> inBatch = new LinkedHashMap<>();
            transaction.executeWithoutResult(status -> {
                observe(positionsFirst, rowsBack, inBatch);
                observe(newestObservations, rowsBack, inBatch);
                for (List<Staged<LiveFlightEventChange>> round : eventRounds) {
                    happen(round, rowsBack, inBatch);
                }
            });
            changed.putAll(inBatch);
        }, rows, row -> {
            // The table refused a value of the batch: one record at a time, each on its own (ADR 0025).
            oneByOne[0] = true;
            boolean wrote = row instanceof Staged<?> staged && staged.record() instanceof AircraftObservation observation
                    ? jdbc.update(OBSERVED, parameters(observation)) != 0
                    : jdbc.update(HAPPENED, parameters((LiveFlightEventChange) ((Staged<?>) row).record())) != 0;
            if (wrote) {
                String icao24 = ((Staged<?>) row).record() instanceof AircraftObservation observation
                        ? observation.getIcao24() : ((LiveFlightEventChange) ((Staged<?>) row).record()).icao24();
                changed.put(icao24, null);
            }
        }, row -> ((Staged<?>) row).source(), rejected);
        if (rowsBack && oneByOne[0] && !changed.isEmpty()) {
            // Written row by row: read the rows back, once.
            jdbc.query(CURRENT, Map.of("icao24s", changed.keySet()), ROW_MAPPER).stream().filter(Objects::nonNull)
                    .forEach(flight -> changed.put(flight.icao24(), flight));
        }
        newest.clear();
        newestWithPosition.clear();
        events.clear();
        eventCount = 0;
        return changed;
    }

    /** One multi-row upsert of observations, one per aircraft. */
    private void observe(List<Staged<AircraftObservation>> observations, boolean rowsBack, Map<String, LiveFlight> changed) {
        if (observations.isEmpty()) {
            return;
        }
        List<AircraftObservation> rows = observations.stream().map(Staged::record).toList();
        execute(OBSERVED_ROWS, rowsBack, changed, text("varchar", rows, AircraftObservation::getIcao24),
                timestamps(rows, AircraftObservation::getObservedAt), float8(rows, AircraftObservation::getLatitude),
                float8(rows, AircraftObservation::getLongitude), float8(rows, AircraftObservation::getBarometricAltitudeM),
                float8(rows, AircraftObservation::getGeometricAltitudeM), bool(rows, AircraftObservation::getOnGround),
                float8(rows, AircraftObservation::getGroundSpeedMps), float8(rows, AircraftObservation::getTrackDeg),
                float8(rows, AircraftObservation::getVerticalRateMps));
    }

    /** One round of events, at most one per aircraft: one multi-row upsert per set of columns they assign. */
    private void happen(List<Staged<LiveFlightEventChange>> round, boolean rowsBack, Map<String, LiveFlight> changed) {
        Map<Integer, List<LiveFlightEventChange>> byColumns = new TreeMap<>();
        for (Staged<LiveFlightEventChange> staged : round) {
            byColumns.computeIfAbsent(assigned(staged.record()), columns -> new ArrayList<>()).add(staged.record());
        }
        byColumns.forEach((columns, changes) -> execute(HAPPENED_ROWS.computeIfAbsent(columns, JdbcLiveFlightWriter::happenedRows),
                rowsBack, changed, text("varchar", changes, LiveFlightEventChange::icao24),
                text("varchar", changes, LiveFlightEventChange::flightId), int8(changes, LiveFlightEventChange::sequence),
                timestamps(changes, LiveFlightEventChange::occurredAt), text("varchar", changes, change -> valueOf(change.callsign())),
                text("varchar", changes, change -> valueOf(change.originCountry())),
                text("varchar", changes, change -> valueOf(change.squawk())),
                text("varchar", changes, change -> valueOf(change.emergency())),
                timestamps(changes, change -> valueOf(change.tookOffAt())), timestamps(changes, change -> valueOf(change.landedAt())),
                timestamps(changes, LiveFlightEventChange::lostAt)));
    }

    /**
     * Runs a multi-row statement whose parameters are arrays; with {@code rowsBack}, has it return the rows it changed
     * and notes each.
     */
    private void execute(String sql, boolean rowsBack, Map<String, LiveFlight> changed, Column... columns) {
        if (rowsBack) {
            ArrayStatements.query(jdbc.getJdbcTemplate(), sql + RETURNING, row -> changed.put(row.getString("icao24"), liveFlight(row, 0)), columns);
        } else {
            ArrayStatements.update(jdbc.getJdbcTemplate(), sql, columns);
        }
    }

    /** Which columns an event assigns, one bit each: events that assign the same columns share a statement. */
    private static int assigned(LiveFlightEventChange change) {
        return (change.callsign() != null ? 1 : 0) | (change.originCountry() != null ? 2 : 0) | (change.squawk() != null ? 4 : 0)
                | (change.emergency() != null ? 8 : 0) | (change.tookOffAt() != null ? 16 : 0) | (change.landedAt() != null ? 32 : 0);
    }

    private static <T> T valueOf(Assign<T> assign) {
        return assign == null ? null : assign.value();
    }


    private static Staged<AircraftObservation> newer(Staged<AircraftObservation> staged, Staged<AircraftObservation> next) {
        return next.record().getObservedAt().isAfter(staged.record().getObservedAt()) ? next : staged;
    }

    private static Optional<MapSqlParameterSource> parameters(FlightTrackingEvent event) {
        return LiveFlightEventChange.of(event).map(JdbcLiveFlightWriter::parameters);
    }

    private static MapSqlParameterSource parameters(LiveFlightEventChange change) {
        // Typed parameters throughout: PostgreSQL then needs no round trip to learn the type of a null.
        var parameters = new MapSqlParameterSource()
                .addValue("icao24", change.icao24(), Types.VARCHAR)
                .addValue("flightId", change.flightId(), Types.VARCHAR)
                .addValue("sequence", change.sequence(), Types.BIGINT)
                .addValue("occurredAt", timestamp(change.occurredAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("lostAt", timestamp(change.lostAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        assign(parameters, "callsign", "setsCallsign", change.callsign(), Types.VARCHAR);
        assign(parameters, "originCountry", "setsOriginCountry", change.originCountry(), Types.VARCHAR);
        assign(parameters, "squawk", "setsSquawk", change.squawk(), Types.VARCHAR);
        assign(parameters, "emergency", "setsEmergency", change.emergency(), Types.VARCHAR);
        assign(parameters, "tookOffAt", "setsTookOffAt", change.tookOffAt(), Types.TIMESTAMP_WITH_TIMEZONE);
        assign(parameters, "landedAt", "setsLandedAt", change.landedAt(), Types.TIMESTAMP_WITH_TIMEZONE);
        return parameters;
    }

    private static MapSqlParameterSource parameters(AircraftObservation observation) {
        return new MapSqlParameterSource()
                .addValue("icao24", observation.getIcao24(), Types.VARCHAR)
                .addValue("observedAt", timestamp(observation.getObservedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("latitude", observation.getLatitude(), Types.DOUBLE)
                .addValue("longitude", observation.getLongitude(), Types.DOUBLE)
                .addValue("barometricAltitudeM", observation.getBarometricAltitudeM(), Types.DOUBLE)
                .addValue("geometricAltitudeM", observation.getGeometricAltitudeM(), Types.DOUBLE)
                .addValue("onGround", observation.getOnGround(), Types.BOOLEAN)
                .addValue("groundSpeedMps", observation.getGroundSpeedMps(), Types.DOUBLE)
                .addValue("trackDeg", observation.getTrackDeg(), Types.DOUBLE)
                .addValue("verticalRateMps", observation.getVerticalRateMps(), Types.DOUBLE);
    }

    private Optional<LiveFlight> write(String sql, MapSqlParameterSource parameters) {
        // No row back: the guard refused a redelivery. A null from the mapper: the other topic has not spoken yet.
        List<LiveFlight> changed = jdbc.query(sql + RETURNING, parameters, ROW_MAPPER);
        return changed.isEmpty() ? Optional.empty() : Optional.ofNullable(changed.get(0));
    }

    private static void assign(MapSqlParameterSource parameters, String column, String flag, Assign<?> assign, int sqlType) {
        Object value = assign == null ? null : assign.value();
        parameters.addValue(column, value instanceof Instant instant ? timestamp(instant) : value, sqlType)
                .addValue(flag, assign != null, Types.BOOLEAN);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static LiveFlight liveFlight(ResultSet row, int rowNumber) throws SQLException {
        String flightId = row.getString("flight_id");
        Instant lastSeen = instant(row, "last_seen");
        if (flightId == null || lastSeen == null) {
            return null;
        }
        return new LiveFlight(
                row.getString("icao24"),
                flightId,
                row.getString("callsign"),
                row.getString("origin_country"),
                row.getObject("latitude", Double.class),
                row.getObject("longitude", Double.class),
                row.getObject("barometric_altitude_m", Double.class),
                row.getObject("geometric_altitude_m", Double.class),
                row.getBoolean("on_ground"),
                row.getObject("ground_speed_mps", Double.class),
                row.getObject("track_deg", Double.class),
                row.getObject("vertical_rate_mps", Double.class),
                row.getString("squawk"),
                row.getString("emergency"),
                instant(row, "first_seen"),
                lastSeen,
                instant(row, "took_off_at"),
                instant(row, "landed_at"),
                row.getBoolean("lost"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
