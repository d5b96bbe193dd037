package dev.contrail.readmodels.airport;

import dev.contrail.readmodels.airport.AirportView.RunwayEndView;
import dev.contrail.readmodels.airport.AirportView.RunwayView;
import dev.contrail.readmodels.projection.QuerySide;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** Queries on the airports read model. Idents are compared as text by code point (COLLATE "C"), as Java does. */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true)
public class AirportQueries {

    public static final int MAX_PAGE_SIZE = 1_000;
    private static final String COLUMNS = "ident, type, name, latitude, longitude, elevation_m, iso_country, iso_region, municipality, "
            + "scheduled_service, icao_code, iata_code";

    private final NamedParameterJdbcTemplate jdbc;

    public AirportQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An area in degrees; {@code west > east} crosses the antimeridian. */
    public record Area(double south, double west, double north, double east) {
        public Area {
            if (!(south >= -90 && south <= 90) || !(north >= -90 && north <= 90)) {
                throw new IllegalArgumentException("south and north must be within [-90, 90], were " + south + " and " + north);
            }
            if (!(west >= -180 && west <= 180) || !(east >= -180 && east <= 180)) {
                throw new IllegalArgumentException("west and east must be within [-180, 180], were " + west + " and " + east);
            }
            if (south > north) {
                throw new IllegalArgumentException("south must not be north of north, was " + south + " > " + north);
            }
        }
    }

    /** One page of airports in ident order, and whether more follow. */
    public record Page(List<AirportView> airports, boolean hasNext) {
    }

    /** The airport with this ident, or else with this ICAO code. */
    public Optional<AirportView> airport(String identOrIcao) {
        var found = jdbc.query("SELECT " + COLUMNS + " FROM airport WHERE ident = :code OR icao_code = :code "
                        + "ORDER BY (ident = :code) DESC, ident COLLATE \"C\" LIMIT 1",
                new MapSqlParameterSource("code", identOrIcao), AirportQueries::airport);
        return withRunways(found).stream().findFirst();
    }

    /** Airports by ident, e.g. the origins and destinations of flights; unknown idents are left out. */
    public Map<String, AirportView> airports(Collection<String> idents) {
        if (idents.isEmpty()) {
            return Map.of();
        }
        Map<String, AirportView> byIdent = new HashMap<>();
        withRunways(jdbc.query("SELECT " + COLUMNS + " FROM airport WHERE ident IN (:idents)", new MapSqlParameterSource("idents", idents),
                AirportQueries::airport)).forEach(airport -> byIdent.put(airport.ident(), airport));
        return byIdent;
    }

    /**
     * Airports in ident order after {@code afterIdent}, matching every given filter.
     *
     * @param type   one of OurAirports' types in upper case, e.g. LARGE_AIRPORT
     * @param search a part of the ident, name, IATA code or municipality, any case
     */
    public Page airports(Area within, String type, String search, String afterIdent, int first) {
        if (first < 1 || first > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("the page size must be within [1, " + MAX_PAGE_SIZE + "], was " + first);
        }
        var conditions = new ArrayList<String>();
        var parameters = new MapSqlParameterSource().addValue("limit", first + 1);
        if (within != null) {
            conditions.add("latitude BETWEEN :south AND :north");
            conditions.add(within.west() <= within.east() ? "longitude BETWEEN :west AND :east" : "(longitude >= :west OR longitude <= :east)");
            parameters.addValue("south", within.south()).addValue("north", within.north()).addValue("west", within.west())
                    .addValue("east", within.east());
        }
        if (type != null) {
            conditions.add("type = :type");
            parameters.addValue("type", type);
        }
        if (search != null) {
            conditions.add("(ident ILIKE :search OR name ILIKE :search OR iata_code ILIKE :search OR municipality ILIKE :search)");
            parameters.addValue("search", "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (afterIdent != null) {
            conditions.add("ident COLLATE \"C\" > :after");
            parameters.addValue("after", afterIdent);
        }
        String sql = "SELECT " + COLUMNS + " FROM airport" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY ident COLLATE \"C\" LIMIT :limit";
        List<AirportView> rows = jdbc.query(sql, parameters, AirportQueries::airport);
        boolean hasNext = rows.size() > first;
        return new Page(withRunways(hasNext ? rows.subList(0, first) : rows), hasNext);
    }

    private List<AirportView> withRunways(List<AirportView> airports) {
        if (airports.isEmpty()) {
            return airports;
        }
        Map<String, List<RunwayView>> runways = new HashMap<>();
        jdbc.query("SELECT * FROM airport_runway WHERE airport_ident IN (:idents) ORDER BY airport_ident, position",
                new MapSqlParameterSource("idents", airports.stream().map(AirportView::ident).toList()), row -> {
                    runways.computeIfAbsent(row.getString("airport_ident"), key -> new ArrayList<>()).add(runway(row));
                });
        return airports.stream().map(a -> new AirportView(a.ident(), a.type(), a.name(), a.latitude(), a.longitude(), a.elevationM(),
                a.isoCountry(), a.isoRegion(), a.municipality(), a.scheduledService(), a.icaoCode(), a.iataCode(),
                List.copyOf(runways.getOrDefault(a.ident(), List.of())))).toList();
    }

    private static AirportView airport(ResultSet row, int n) throws SQLException {
        return new AirportView(row.getString("ident"), row.getString("type"), row.getString("name"), row.getDouble("latitude"),
                row.getDouble("longitude"), row.getObject("elevation_m", Double.class), row.getString("iso_country"),
                row.getString("iso_region"), row.getString("municipality"), row.getBoolean("scheduled_service"), row.getString("icao_code"),
                row.getString("iata_code"), List.of());
    }

    private static RunwayView runway(ResultSet row) throws SQLException {
        RunwayEndView low = end(row, "low");
        RunwayEndView high = end(row, "high");
        return new RunwayView(high == null ? low.designator() : low.designator() + "/" + high.designator(), row.getObject("length_m", Double.class),
                row.getObject("width_m", Double.class), row.getString("surface"), row.getBoolean("lighted"), row.getBoolean("closed"), low, high);
    }

    private static RunwayEndView end(ResultSet row, String prefix) throws SQLException {
        String designator = row.getString(prefix + "_designator");
        return designator == null ? null : new RunwayEndView(designator, row.getObject(prefix + "_latitude", Double.class),
                row.getObject(prefix + "_longitude", Double.class), row.getObject(prefix + "_elevation_m", Double.class),
                row.getObject(prefix + "_heading_deg", Double.class));
    }
}
