package dev.contrail.readmodels.airport;

import dev.contrail.schemas.airport.AirportData;
import dev.contrail.schemas.airport.Runway;
import dev.contrail.schemas.airport.RunwayEnd;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the airports read model: the airport row under a sequence guard, and, when that stored something, its
 * runways replaced as a whole — in one transaction, so a crash between the two cannot leave them apart.
 */
public class AirportJdbcWriter implements AirportWriter {

    private static final String UPSERT = """
            INSERT INTO airport (ident, type, name, latitude, longitude, elevation_m, iso_country, iso_region, municipality,
                                 scheduled_service, icao_code, iata_code, last_sequence)
            VALUES (:ident, :type, :name, :latitude, :longitude, :elevationM, :isoCountry, :isoRegion, :municipality,
                    :scheduledService, :icaoCode, :iataCode, :sequence)
            ON CONFLICT (ident) DO UPDATE SET
                type = EXCLUDED.type, name = EXCLUDED.name, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                elevation_m = EXCLUDED.elevation_m, iso_country = EXCLUDED.iso_country, iso_region = EXCLUDED.iso_region,
                municipality = EXCLUDED.municipality, scheduled_service = EXCLUDED.scheduled_service,
                icao_code = EXCLUDED.icao_code, iata_code = EXCLUDED.iata_code, last_sequence = EXCLUDED.last_sequence
            WHERE airport.last_sequence < EXCLUDED.last_sequence
            """;
    private static final String DELETE_RUNWAYS = "DELETE FROM airport_runway WHERE airport_ident = :ident";
    private static final String INSERT_RUNWAY = """
            INSERT INTO airport_runway (airport_ident, position, length_m, width_m, surface, lighted, closed,
                low_designator, low_latitude, low_longitude, low_elevation_m, low_heading_deg,
                high_designator, high_latitude, high_longitude, high_elevation_m, high_heading_deg)
            VALUES (:ident, :position, :lengthM, :widthM, :surface, :lighted, :closed,
                :lowDesignator, :lowLatitude, :lowLongitude, :lowElevationM, :lowHeadingDeg,
                :highDesignator, :highLatitude, :highLongitude, :highElevationM, :highHeadingDeg)
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    /** @param jdbc bound to the generation's schema (ADR 0010); the transactions run on its own connections */
    public AirportJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
    }

    @Override
    public boolean apply(String ident, long sequence, AirportData airport) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            var parameters = new MapSqlParameterSource()
                    .addValue("ident", ident)
                    .addValue("type", airport.getType().name())
                    .addValue("name", airport.getName())
                    .addValue("latitude", airport.getLatitude())
                    .addValue("longitude", airport.getLongitude())
                    .addValue("elevationM", airport.getElevationM())
                    .addValue("isoCountry", airport.getIsoCountry())
                    .addValue("isoRegion", airport.getIsoRegion())
                    .addValue("municipality", airport.getMunicipality())
                    .addValue("scheduledService", airport.getScheduledService())
                    .addValue("icaoCode", airport.getIcaoCode())
                    .addValue("iataCode", airport.getIataCode())
                    .addValue("sequence", sequence);
            if (jdbc.update(UPSERT, parameters) == 0) {
                return false;
            }
            jdbc.update(DELETE_RUNWAYS, parameters);
            List<Runway> runways = airport.getRunways();
            if (!runways.isEmpty()) {
                jdbc.batchUpdate(INSERT_RUNWAY, IntStream.range(0, runways.size())
                        .mapToObj(i -> runway(ident, i, runways.get(i))).toArray(SqlParameterSource[]::new));
            }
            return true;
        }));
    }

    private static SqlParameterSource runway(String ident, int position, Runway runway) {
        var parameters = new MapSqlParameterSource()
                .addValue("ident", ident)
                .addValue("position", position)
                .addValue("lengthM", runway.getLengthM())
                .addValue("widthM", runway.getWidthM())
                .addValue("surface", runway.getSurface())
                .addValue("lighted", runway.getLighted())
                .addValue("closed", runway.getClosed());
        end(parameters, "low", runway.getLowEnd());
        end(parameters, "high", runway.getHighEnd());
        return parameters;
    }

    private static void end(MapSqlParameterSource parameters, String prefix, RunwayEnd end) {
        parameters.addValue(prefix + "Designator", end == null ? null : end.getDesignator())
                .addValue(prefix + "Latitude", end == null ? null : end.getLatitude())
                .addValue(prefix + "Longitude", end == null ? null : end.getLongitude())
                .addValue(prefix + "ElevationM", end == null ? null : end.getElevationM())
                .addValue(prefix + "HeadingDeg", end == null ? null : end.getHeadingDeg());
    }
}
