package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import dev.contrail.readmodels.projection.RejectedRecords;
import dev.contrail.readmodels.projection.RowByRow;
import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.TookOff;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the flight-history read model: reads the flight an event names, applies {@link FlightRecord#after} and
 * upserts the result. The rules live in Java, where they are unit-tested; this class only loads and stores.
 *
 * <p>Idempotent twice over: {@link FlightRecord#after} ignores an event whose sequence the flight has already
 * applied, and the upsert's {@code WHERE flight.last_sequence < EXCLUDED.last_sequence} refuses to store an older
 * state over a newer one even if two writers ever raced on one aircraft (e.g. a zombie instance during a rebalance).
 *
 * <p>The projection stages events ({@link #stage}, ADR 0020): each is applied to the flight as staged (read from the
 * table only the first time in a batch) and the batch's flights are upserted as one JDBC batch.
 */
public class FlightHistoryJdbcWriter implements FlightHistoryWriter {

    private static final String COLUMNS = """
            flight_id, icao24, callsign, status,
            detected_at, detected_latitude, detected_longitude, detected_barometric_altitude_m, detected_geometric_altitude_m,
            took_off_at, took_off_latitude, took_off_longitude, took_off_barometric_altitude_m, took_off_geometric_altitude_m,
            landed_at, landed_latitude, landed_longitude, landed_barometric_altitude_m, landed_geometric_altitude_m,
            lost_at, last_contact_at, lost_latitude, lost_longitude, lost_barometric_altitude_m, lost_geometric_altitude_m,
            last_activity_at, last_sequence""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM flight WHERE flight_id = :flightId";

    private static final String UPSERT = """
            INSERT INTO flight (%s)
            VALUES (:flightId, :icao24, :callsign, :status,
                :detectedAt, :detectedLatitude, :detectedLongitude, :detectedBarometricAltitudeM, :detectedGeometricAltitudeM,
                :tookOffAt, :tookOffLatitude, :tookOffLongitude, :tookOffBarometricAltitudeM, :tookOffGeometricAltitudeM,
                :landedAt, :landedLatitude, :landedLongitude, :landedBarometricAltitudeM, :landedGeometricAltitudeM,
                :lostAt, :lastContactAt, :lostLatitude, :lostLongitude, :lostBarometricAltitudeM, :lostGeometricAltitudeM,
                :lastActivityAt, :lastSequence)
            ON CONFLICT (flight_id) DO UPDATE SET
                icao24 = EXCLUDED.icao24, callsign = EXCLUDED.callsign, status = EXCLUDED.status,
                detected_at = EXCLUDED.detected_at, detected_latitude = EXCLUDED.detected_latitude,
                detected_longitude = EXCLUDED.detected_longitude,
                detected_barometric_altitude_m = EXCLUDED.detected_barometric_altitude_m,
                detected_geometric_altitude_m = EXCLUDED.detected_geometric_altitude_m,
                took_off_at = EXCLUDED.took_off_at, took_off_latitude = EXCLUDED.took_off_latitude,
                took_off_longitude = EXCLUDED.took_off_longitude,
                took_off_barometric_altitude_m = EXCLUDED.took_off_barometric_altitude_m,
                took_off_geometric_altitude_m = EXCLUDED.took_off_geometric_altitude_m,
                landed_at = EXCLUDED.landed_at, landed_latitude = EXCLUDED.landed_latitude,
                landed_longitude = EXCLUDED.landed_longitude,
                landed_barometric_altitude_m = EXCLUDED.landed_barometric_altitude_m,
                landed_geometric_altitude_m = EXCLUDED.landed_geometric_altitude_m,
                lost_at = EXCLUDED.lost_at, last_contact_at = EXCLUDED.last_contact_at,
                lost_latitude = EXCLUDED.lost_latitude, lost_longitude = EXCLUDED.lost_longitude,
                lost_barometric_altitude_m = EXCLUDED.lost_barometric_altitude_m,
                lost_geometric_altitude_m = EXCLUDED.lost_geometric_altitude_m,
                last_activity_at = EXCLUDED.last_activity_at, last_sequence = EXCLUDED.last_sequence
            WHERE flight.last_sequence < EXCLUDED.last_sequence
            """.formatted(COLUMNS);

    static final RowMapper<FlightRecord> ROW_MAPPER = FlightHistoryJdbcWriter::flightRecord;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    // Flights changed by staged events and not written yet, by flight id. Guarded by this.
    private final Map<String, FlightRecord> staged = new LinkedHashMap<>();
    // The newest record behind each staged flight, dead-lettered if the table refuses the flight (ADR 0025).
    private final Map<String, SourceRecord> sources = new HashMap<>();
    private final RejectedRecords rejected;

    public FlightHistoryJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, RejectedRecords.NONE);
    }

    public FlightHistoryJdbcWriter(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected) {
        this.jdbc = jdbc;
        this.rejected = rejected;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
    }

    @Override
    public synchronized Optional<FlightRecord> apply(FlightTrackingEvent event) {
        flush();
        Optional<FlightRecord> next = after(event);
        return next.filter(flight -> jdbc.update(UPSERT, parameters(flight)) > 0);
    }

    @Override
    public synchronized void stage(FlightTrackingEvent event) {
        stage(event, null);
    }

    @Override
    public synchronized void stage(FlightTrackingEvent event, SourceRecord source) {
        after(event).ifPresent(flight -> {
            staged.put(flight.flightId(), flight);
            if (source != null) {
                sources.put(flight.flightId(), source);
            }
        });
    }

    @Override
    public synchronized void flush() {
        if (staged.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] batch = staged.values().stream().map(FlightHistoryJdbcWriter::parameters).toArray(MapSqlParameterSource[]::new);
        RowByRow.write("flight-history batch of " + batch.length + " flights", () -> transaction.executeWithoutResult(status -> jdbc.batchUpdate(UPSERT, batch)),
                List.copyOf(staged.values()), flight -> jdbc.update(UPSERT, parameters(flight)), flight -> sources.get(flight.flightId()), rejected);
        staged.clear();
        sources.clear();
    }

    @Override
    public synchronized int staged() {
        return staged.size();
    }

    private Optional<FlightRecord> after(FlightTrackingEvent event) {
        FlightRecord flight = find(event.getFlightId());
        FlightRecord flightBefore = flight == null && event.getPayload() instanceof TookOff tookOff && tookOff.getPreviousFlightId() != null
                ? find(tookOff.getPreviousFlightId())
                : null;
        return FlightRecord.after(flight, event, flightBefore);
    }

    /** The flight as staged, or as stored. */
    private FlightRecord find(String flightId) {
        FlightRecord stagedFlight = staged.get(flightId);
        if (stagedFlight != null) {
            return stagedFlight;
        }
        return jdbc.query(FIND, new MapSqlParameterSource("flightId", flightId), ROW_MAPPER).stream().findFirst().orElse(null);
    }

    private static MapSqlParameterSource parameters(FlightRecord flight) {
        var parameters = new MapSqlParameterSource()
                .addValue("flightId", flight.flightId())
                .addValue("icao24", flight.icao24())
                .addValue("callsign", flight.callsign())
                .addValue("status", flight.status().name())
                .addValue("detectedAt", timestamp(flight.detectedAt()))
                .addValue("tookOffAt", timestamp(flight.tookOffAt()))
                .addValue("landedAt", timestamp(flight.landedAt()))
                .addValue("lostAt", timestamp(flight.lostAt()))
                .addValue("lastContactAt", timestamp(flight.lastContactAt()))
                .addValue("lastActivityAt", timestamp(flight.lastActivityAt()))
                .addValue("lastSequence", flight.lastSequence());
        place(parameters, "detected", flight.detectedPosition());
        place(parameters, "tookOff", flight.tookOffPosition());
        place(parameters, "landed", flight.landedPosition());
        place(parameters, "lost", flight.lostPosition());
        return parameters;
    }

    private static void place(MapSqlParameterSource parameters, String prefix, Place place) {
        parameters.addValue(prefix + "Latitude", place == null ? null : place.latitude())
                .addValue(prefix + "Longitude", place == null ? null : place.longitude())
                .addValue(prefix + "BarometricAltitudeM", place == null ? null : place.barometricAltitudeM())
                .addValue(prefix + "GeometricAltitudeM", place == null ? null : place.geometricAltitudeM());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static FlightRecord flightRecord(ResultSet row, int rowNumber) throws SQLException {
        return new FlightRecord(
                row.getString("flight_id"),
                row.getString("icao24"),
                row.getString("callsign"),
                FlightRecord.Status.valueOf(row.getString("status")),
                instant(row, "detected_at"),
                place(row, "detected"),
                instant(row, "took_off_at"),
                place(row, "took_off"),
                instant(row, "landed_at"),
                place(row, "landed"),
                instant(row, "lost_at"),
                instant(row, "last_contact_at"),
                place(row, "lost"),
                instant(row, "last_activity_at"),
                row.getLong("last_sequence"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Place place(ResultSet row, String prefix) throws SQLException {
        return Place.of(row.getObject(prefix + "_latitude", Double.class), row.getObject(prefix + "_longitude", Double.class),
                row.getObject(prefix + "_barometric_altitude_m", Double.class), row.getObject(prefix + "_geometric_altitude_m", Double.class));
    }
}
