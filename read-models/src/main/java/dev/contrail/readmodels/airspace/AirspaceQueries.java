package dev.contrail.readmodels.airspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The Airspace read side: volumes, where a position is, occupancy, entries per hour, the entry/exit log. */
public class AirspaceQueries {

    private static final String VOLUME_COLUMNS = "airspace_id, name, source, floor_m, ceiling_m, capacity, retired, boundary_geojson, "
            + "point_count, south, west, north, east, defined_at, changed_at";

    private final NamedParameterJdbcTemplate jdbc;

    public AirspaceQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The volumes with this id, in order of source: the one of that source when {@code source} is given, else every
     * source's (ADR 0021: a volume is its id within its source).
     */
    public List<AirspaceView> airspace(String id, String source) {
        return jdbc.query("SELECT " + VOLUME_COLUMNS + """
                 FROM airspace WHERE airspace_id = :id AND (CAST(:source AS TEXT) IS NULL OR source = :source) ORDER BY source
                """, new MapSqlParameterSource("id", id).addValue("source", source), AirspaceQueries::view);
    }

    /**
     * The volumes in force that contain the position (laterally, and vertically when its altitude is given) and/or
     * overlap the area, ordered by id. Narrowed by latitude in SQL, then tested exactly with JTS.
     */
    public List<AirspaceView> airspaces(Double latitude, Double longitude, Double altitudeM, AirspaceArea within, int first) {
        var parameters = new MapSqlParameterSource()
                .addValue("latitude", latitude)
                .addValue("south", within == null ? null : within.south())
                .addValue("north", within == null ? null : within.north());
        List<Candidate> candidates = jdbc.query("""
                SELECT %s, geometry_wkt FROM airspace
                WHERE NOT retired AND boundary_geojson IS NOT NULL
                  AND (CAST(:latitude AS DOUBLE PRECISION) IS NULL OR (south <= :latitude AND north >= :latitude))
                  AND (CAST(:south AS DOUBLE PRECISION) IS NULL OR (north >= :south AND south <= :north))
                ORDER BY airspace_id, source
                """.formatted(VOLUME_COLUMNS), parameters, (row, n) -> new Candidate(view(row, n), row.getString("geometry_wkt")));
        Point point = latitude == null ? null : AirspaceGeometry.FACTORY.createPoint(new Coordinate(longitude, latitude));
        List<AirspaceView> found = new ArrayList<>();
        WKTReader wkt = new WKTReader(AirspaceGeometry.FACTORY);
        for (Candidate candidate : candidates) {
            AirspaceView view = candidate.view();
            if (within != null && !within.overlaps(view.south(), view.west(), view.north(), view.east())) {
                continue;
            }
            if (point != null) {
                if (altitudeM != null && ((view.floorM() != null && altitudeM < view.floorM()) || (view.ceilingM() != null && altitudeM > view.ceilingM()))) {
                    continue;
                }
                if (!geometry(wkt, candidate.wkt()).covers(point)) {
                    continue;
                }
            }
            found.add(view);
            if (found.size() >= first) {
                break;
            }
        }
        return found;
    }

    public AirspaceOccupancy occupancy(String id, String source) {
        var parameters = new MapSqlParameterSource("id", id).addValue("source", source);
        List<AirspaceOccupancy.Occupant> occupants = jdbc.query("""
                SELECT icao24, flight_id, entered_at, latitude, longitude, altitude_m FROM airspace_occupant
                WHERE airspace_id = :id AND source = :source AND inside ORDER BY entered_at, icao24
                """, parameters, (row, n) -> new AirspaceOccupancy.Occupant(row.getString("icao24"), row.getString("flight_id"),
                instant(row, "entered_at"), row.getObject("latitude", Double.class), row.getObject("longitude", Double.class),
                row.getObject("altitude_m", Double.class)));
        return jdbc.query("SELECT over_capacity, capacity, alert_at FROM airspace_capacity WHERE airspace_id = :id AND source = :source",
                        parameters, (row, n) -> new AirspaceOccupancy(id, source, occupants.size(), row.getBoolean("over_capacity"),
                                row.getObject("capacity", Integer.class), instant(row, "alert_at"), occupants))
                .stream().findFirst()
                .orElse(new AirspaceOccupancy(id, source, occupants.size(), false, null, null, occupants));
    }

    public List<HourlyEntries> entriesPerHour(String id, String source, Instant from, Instant to) {
        return jdbc.query("""
                SELECT hour, entries FROM airspace_entries_hour
                WHERE airspace_id = :id AND source = :source AND hour >= :from AND hour < :to ORDER BY hour
                """, new MapSqlParameterSource("id", id).addValue("source", source).addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to)),
                (row, n) -> new HourlyEntries(instant(row, "hour"), row.getInt("entries")));
    }

    /** The latest entries and exits of a volume, newest first. */
    public List<AirspaceActivity> transits(String id, String source, int last) {
        return jdbc.query("""
                SELECT airspace_id, source, sequence, kind, at, icao24, flight_id, reason, latitude, longitude, altitude_m, occupants
                FROM airspace_transit WHERE airspace_id = :id AND source = :source ORDER BY sequence DESC LIMIT :last
                """, new MapSqlParameterSource("id", id).addValue("source", source).addValue("last", last), TRANSIT);
    }

    static final RowMapper<AirspaceActivity> TRANSIT = (row, n) -> new AirspaceActivity(row.getString("airspace_id"), row.getString("source"), row.getLong("sequence"),
            AirspaceActivity.Kind.valueOf(row.getString("kind")), instant(row, "at"), row.getString("icao24"), row.getString("flight_id"),
            row.getString("reason"), row.getObject("latitude", Double.class), row.getObject("longitude", Double.class),
            row.getObject("altitude_m", Double.class), row.getInt("occupants"), null);

    private record Candidate(AirspaceView view, String wkt) {
    }

    private static Geometry geometry(WKTReader reader, String wkt) {
        try {
            return reader.read(wkt);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored airspace geometry is not WKT: " + e.getMessage(), e);
        }
    }

    private static AirspaceView view(ResultSet row, int n) throws SQLException {
        return new AirspaceView(row.getString("airspace_id"), row.getString("name"), row.getString("source"),
                row.getObject("floor_m", Double.class), row.getObject("ceiling_m", Double.class), row.getObject("capacity", Integer.class),
                row.getBoolean("retired"), row.getString("boundary_geojson"), row.getObject("point_count", Integer.class),
                row.getObject("south", Double.class), row.getObject("west", Double.class), row.getObject("north", Double.class),
                row.getObject("east", Double.class), instant(row, "defined_at"), instant(row, "changed_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
