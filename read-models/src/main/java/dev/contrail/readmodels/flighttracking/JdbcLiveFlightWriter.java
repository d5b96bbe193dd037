package dev.contrail.readmodels.flighttracking;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * one JDBC batch per statement, then one query for the rows the batch changed, for the subscribers. Observations are
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
    private final List<Row> events = new ArrayList<>();
    private final RejectedRecords rejected;

    /** A staged record and where it came from (null if unknown). */
    private record Staged<T>(T record, SourceRecord source) {
    }

    /** One execution of a statement, and the record behind it, dead-lettered if the table refuses it (ADR 0025). */
    private record Row(String statement, MapSqlParameterSource parameters, SourceRecord source) {
        String icao24() {
            return (String) parameters.getValue("icao24");
        }
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
        parameters(event).ifPresent(parameters -> events.add(new Row(HAPPENED, parameters, source)));
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
        return newest.size() + events.size();
    }

    @Override
    public synchronized void flush() {
        write();
    }

    @Override
    public synchronized List<LiveFlight> flushChanges() {
        Set<String> changed = write();
        if (changed.isEmpty()) {
            return List.of();
        }
        return jdbc.query(CURRENT, Map.of("icao24s", changed), ROW_MAPPER).stream().filter(Objects::nonNull).toList();
    }

    /** Writes what is staged in one transaction; returns the aircraft whose row a statement changed. */
    private Set<String> write() {
        if (newest.isEmpty() && events.isEmpty()) {
            return Set.of();
        }
        List<Row> observed = new ArrayList<>(newest.size() + newestWithPosition.size());
        newest.forEach((icao24, observation) -> {
            Staged<AircraftObservation> positioned = newestWithPosition.get(icao24);
            if (positioned != null && positioned != observation) {
                // older, so written first: its position stays, the rest moves on
                observed.add(new Row(OBSERVED, parameters(positioned.record()), positioned.source()));
            }
            observed.add(new Row(OBSERVED, parameters(observation.record()), observation.source()));
        });
        Set<String> changed = new HashSet<>();
        List<Row> rows = new ArrayList<>(observed);
        rows.addAll(events);
        RowByRow.write("live-flights batch of " + rows.size() + " rows", () -> {
            Set<String> inBatch = new HashSet<>();
            transaction.executeWithoutResult(status -> {
                collectChanged(observed, jdbc.batchUpdate(OBSERVED, observed.stream().map(Row::parameters).toArray(MapSqlParameterSource[]::new)), inBatch);
                collectChanged(events, jdbc.batchUpdate(HAPPENED, events.stream().map(Row::parameters).toArray(MapSqlParameterSource[]::new)), inBatch);
            });
            changed.addAll(inBatch);
        }, rows, row -> {
            if (jdbc.update(row.statement(), row.parameters()) != 0) {
                changed.add(row.icao24());
            }
        }, Row::source, rejected);
        newest.clear();
        newestWithPosition.clear();
        events.clear();
        return changed;
    }

    private static void collectChanged(List<Row> batch, int[] counts, Set<String> changed) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) { // 0: the guard refused it; SUCCESS_NO_INFO (-2) counts as changed, to be safe
                changed.add(batch.get(i).icao24());
            }
        }
    }

    private static Staged<AircraftObservation> newer(Staged<AircraftObservation> staged, Staged<AircraftObservation> next) {
        return next.record().getObservedAt().isAfter(staged.record().getObservedAt()) ? next : staged;
    }

    private static Optional<MapSqlParameterSource> parameters(FlightTrackingEvent event) {
        Optional<LiveFlightEventChange> maybeChange = LiveFlightEventChange.of(event);
        if (maybeChange.isEmpty()) {
            return Optional.empty();
        }
        LiveFlightEventChange change = maybeChange.get();
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
        return Optional.of(parameters);
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
