package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.airspace.AircraftEnteredAirspace;
import dev.contrail.schemas.airspace.AircraftExitedAirspace;
import dev.contrail.schemas.airspace.AircraftPosition;
import dev.contrail.schemas.airspace.AirspaceChanged;
import dev.contrail.schemas.airspace.AirspaceDefined;
import dev.contrail.schemas.airspace.AirspaceDefinition;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.AirspaceRetired;
import dev.contrail.schemas.airspace.CapacityExceeded;
import dev.contrail.schemas.airspace.CapacityRestored;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.locationtech.jts.io.WKTWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The JDBC writers of the three airspace projections; every statement is guarded by the volume's event sequence. A volume
 * is its id within its source (ADR 0021), and so is every row.
 */
public final class AirspaceJdbcWriters {

    private AirspaceJdbcWriters() {
    }

    public static final class Definitions implements AirspaceDefinitionsWriter {

        private static final String DEFINE = """
                INSERT INTO airspace (airspace_id, source, name, floor_m, ceiling_m, capacity, boundary_geojson, geometry_wkt, point_count,
                    south, west, north, east, retired, defined_at, changed_at, sequence)
                VALUES (:id, :source, :name, :floorM, :ceilingM, :capacity, :geojson, :wkt, :pointCount,
                    :south, :west, :north, :east, FALSE, :at, :at, :sequence)
                ON CONFLICT (airspace_id, source) DO UPDATE SET name = EXCLUDED.name, floor_m = EXCLUDED.floor_m,
                    ceiling_m = EXCLUDED.ceiling_m, capacity = EXCLUDED.capacity, boundary_geojson = EXCLUDED.boundary_geojson,
                    geometry_wkt = EXCLUDED.geometry_wkt, point_count = EXCLUDED.point_count, south = EXCLUDED.south,
                    west = EXCLUDED.west, north = EXCLUDED.north, east = EXCLUDED.east, retired = FALSE,
                    defined_at = CASE WHEN :defined THEN EXCLUDED.defined_at ELSE airspace.defined_at END,
                    changed_at = EXCLUDED.changed_at, sequence = EXCLUDED.sequence
                WHERE airspace.sequence < EXCLUDED.sequence
                """;

        private static final String RETIRE = """
                INSERT INTO airspace (airspace_id, source, retired, changed_at, sequence) VALUES (:id, :source, TRUE, :at, :sequence)
                ON CONFLICT (airspace_id, source) DO UPDATE SET retired = TRUE, changed_at = EXCLUDED.changed_at, sequence = EXCLUDED.sequence
                WHERE airspace.sequence < EXCLUDED.sequence
                """;

        private final NamedParameterJdbcTemplate jdbc;
        private final AirspaceSources sources;

        public Definitions(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.sources = new AirspaceSources(jdbc);
        }

        @Override
        public void apply(AirspaceEvent event) {
            String source = sources.of(event);
            var parameters = new MapSqlParameterSource("id", event.getAirspaceId())
                    .addValue("source", source)
                    .addValue("at", Timestamp.from(event.getOccurredAt()))
                    .addValue("sequence", event.getSequence());
            AirspaceDefinition definition;
            if (event.getPayload() instanceof AirspaceDefined defined) {
                definition = defined.getDefinition();
                parameters.addValue("defined", true);
            } else if (event.getPayload() instanceof AirspaceChanged changed) {
                definition = changed.getDefinition();
                parameters.addValue("defined", false);
            } else if (event.getPayload() instanceof AirspaceRetired) {
                jdbc.update(RETIRE, parameters);
                return;
            } else {
                return;
            }
            double[] box = AirspaceGeometry.boundingBox(definition);
            parameters.addValue("name", definition.getName())
                    .addValue("floorM", definition.getFloorM())
                    .addValue("ceilingM", definition.getCeilingM())
                    .addValue("capacity", definition.getCapacity())
                    .addValue("geojson", AirspaceGeometry.geoJson(definition))
                    .addValue("wkt", new WKTWriter().write(AirspaceGeometry.of(definition)))
                    .addValue("pointCount", AirspaceGeometry.pointCount(definition))
                    .addValue("south", box[0]).addValue("west", box[1]).addValue("north", box[2]).addValue("east", box[3]);
            jdbc.update(DEFINE, parameters);
        }
    }

    public static final class Occupancy implements AirspaceOccupancyWriter {

        private static final String ENTERED = """
                INSERT INTO airspace_occupant (airspace_id, source, icao24, flight_id, inside, entered_at, latitude, longitude, altitude_m, sequence)
                VALUES (:id, :source, :icao24, :flightId, TRUE, :at, :latitude, :longitude, :altitudeM, :sequence)
                ON CONFLICT (airspace_id, source, icao24) DO UPDATE SET flight_id = EXCLUDED.flight_id, inside = TRUE, entered_at = EXCLUDED.entered_at,
                    exited_at = NULL, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, altitude_m = EXCLUDED.altitude_m,
                    sequence = EXCLUDED.sequence
                WHERE airspace_occupant.sequence < EXCLUDED.sequence
                """;

        private static final String EXITED = """
                INSERT INTO airspace_occupant (airspace_id, source, icao24, flight_id, inside, exited_at, sequence)
                VALUES (:id, :source, :icao24, :flightId, FALSE, :at, :sequence)
                ON CONFLICT (airspace_id, source, icao24) DO UPDATE SET inside = FALSE, exited_at = EXCLUDED.exited_at, sequence = EXCLUDED.sequence
                WHERE airspace_occupant.sequence < EXCLUDED.sequence
                """;

        private static final String OCCUPANTS = """
                INSERT INTO airspace_capacity (airspace_id, source, occupants, occupants_sequence) VALUES (:id, :source, :occupants, :sequence)
                ON CONFLICT (airspace_id, source) DO UPDATE SET occupants = EXCLUDED.occupants, occupants_sequence = EXCLUDED.occupants_sequence
                WHERE airspace_capacity.occupants_sequence < EXCLUDED.occupants_sequence
                """;

        private static final String ALERT = """
                INSERT INTO airspace_capacity (airspace_id, source, over_capacity, alert_at, alert_sequence)
                VALUES (:id, :source, :over, :at, :sequence)
                ON CONFLICT (airspace_id, source) DO UPDATE SET over_capacity = EXCLUDED.over_capacity,
                    alert_at = EXCLUDED.alert_at, alert_sequence = EXCLUDED.alert_sequence
                WHERE airspace_capacity.alert_sequence < EXCLUDED.alert_sequence
                """;

        /** The capacity comes with every definition and every alert: the latest of them wins. */
        private static final String CAPACITY = """
                INSERT INTO airspace_capacity (airspace_id, source, capacity, capacity_sequence) VALUES (:id, :source, :capacity, :sequence)
                ON CONFLICT (airspace_id, source) DO UPDATE SET capacity = EXCLUDED.capacity, capacity_sequence = EXCLUDED.capacity_sequence
                WHERE airspace_capacity.capacity_sequence < EXCLUDED.capacity_sequence
                """;

        private final NamedParameterJdbcTemplate jdbc;
        private final AirspaceSources sources;

        public Occupancy(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.sources = new AirspaceSources(jdbc);
        }

        @Override
        public Optional<AirspaceActivity> apply(AirspaceEvent event) {
            String source = sources.of(event);
            var parameters = new MapSqlParameterSource("id", event.getAirspaceId())
                    .addValue("source", source)
                    .addValue("at", Timestamp.from(event.getOccurredAt()))
                    .addValue("sequence", event.getSequence());
            if (event.getPayload() instanceof AircraftEnteredAirspace entered) {
                position(parameters, entered.getPosition()).addValue("icao24", entered.getIcao24()).addValue("flightId", entered.getFlightId())
                        .addValue("occupants", entered.getOccupants());
                jdbc.update(ENTERED, parameters);
                jdbc.update(OCCUPANTS, parameters);
                return Optional.empty();
            }
            if (event.getPayload() instanceof AircraftExitedAirspace exited) {
                parameters.addValue("icao24", exited.getIcao24()).addValue("flightId", exited.getFlightId())
                        .addValue("occupants", exited.getOccupants());
                jdbc.update(EXITED, parameters);
                jdbc.update(OCCUPANTS, parameters);
                return Optional.empty();
            }
            if (event.getPayload() instanceof AirspaceDefined defined) {
                jdbc.update(CAPACITY, parameters.addValue("capacity", defined.getDefinition().getCapacity()));
                return Optional.empty();
            }
            if (event.getPayload() instanceof AirspaceChanged changed) {
                jdbc.update(CAPACITY, parameters.addValue("capacity", changed.getDefinition().getCapacity()));
                return Optional.empty();
            }
            boolean over;
            int occupants;
            int capacity;
            if (event.getPayload() instanceof CapacityExceeded exceeded) {
                over = true;
                occupants = exceeded.getOccupants();
                capacity = exceeded.getCapacity();
            } else if (event.getPayload() instanceof CapacityRestored restored) {
                over = false;
                occupants = restored.getOccupants();
                capacity = restored.getCapacity();
            } else {
                return Optional.empty();
            }
            parameters.addValue("over", over).addValue("capacity", capacity);
            jdbc.update(CAPACITY, parameters);
            if (jdbc.update(ALERT, parameters) == 0) {
                return Optional.empty();
            }
            return Optional.of(new AirspaceActivity(event.getAirspaceId(), source, event.getSequence(),
                    over ? AirspaceActivity.Kind.CAPACITY_EXCEEDED : AirspaceActivity.Kind.CAPACITY_RESTORED, event.getOccurredAt(),
                    null, null, null, null, null, null, occupants, capacity));
        }
    }

    public static final class Traffic implements AirspaceTrafficWriter {

        private static final String TRANSIT = """
                INSERT INTO airspace_transit (airspace_id, source, sequence, kind, icao24, flight_id, at, reason, latitude, longitude, altitude_m, occupants)
                VALUES (:id, :source, :sequence, :kind, :icao24, :flightId, :at, :reason, :latitude, :longitude, :altitudeM, :occupants)
                ON CONFLICT (airspace_id, source, sequence) DO NOTHING
                """;

        private static final String COUNT_HOUR = """
                INSERT INTO airspace_entries_hour (airspace_id, source, hour, entries)
                SELECT :id, :source, :hour, count(*) FROM airspace_transit
                WHERE airspace_id = :id AND source = :source AND kind = 'ENTRY' AND at >= :hour AND at < :nextHour
                ON CONFLICT (airspace_id, source, hour) DO UPDATE SET entries = EXCLUDED.entries
                """;

        private final NamedParameterJdbcTemplate jdbc;
        private final AirspaceSources sources;

        public Traffic(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.sources = new AirspaceSources(jdbc);
        }

        @Override
        public Optional<AirspaceActivity> apply(AirspaceEvent event) {
            String source = sources.of(event);
            var parameters = new MapSqlParameterSource("id", event.getAirspaceId())
                    .addValue("source", source)
                    .addValue("at", Timestamp.from(event.getOccurredAt()))
                    .addValue("sequence", event.getSequence());
            AirspaceActivity activity;
            if (event.getPayload() instanceof AircraftEnteredAirspace entered) {
                position(parameters, entered.getPosition()).addValue("kind", "ENTRY").addValue("reason", null)
                        .addValue("icao24", entered.getIcao24()).addValue("flightId", entered.getFlightId())
                        .addValue("occupants", entered.getOccupants());
                activity = activity(event, source, AirspaceActivity.Kind.ENTRY, entered.getIcao24(), entered.getFlightId(), null, entered.getPosition(),
                        entered.getOccupants());
            } else if (event.getPayload() instanceof AircraftExitedAirspace exited) {
                position(parameters, exited.getPosition()).addValue("kind", "EXIT").addValue("reason", exited.getReason().name())
                        .addValue("icao24", exited.getIcao24()).addValue("flightId", exited.getFlightId())
                        .addValue("occupants", exited.getOccupants());
                activity = activity(event, source, AirspaceActivity.Kind.EXIT, exited.getIcao24(), exited.getFlightId(), exited.getReason().name(),
                        exited.getPosition(), exited.getOccupants());
            } else {
                return Optional.empty();
            }
            if (jdbc.update(TRANSIT, parameters) == 0) {
                return Optional.empty();
            }
            if (activity.kind() == AirspaceActivity.Kind.ENTRY) {
                var hour = event.getOccurredAt().truncatedTo(ChronoUnit.HOURS);
                jdbc.update(COUNT_HOUR, new MapSqlParameterSource("id", event.getAirspaceId()).addValue("source", source)
                        .addValue("hour", Timestamp.from(hour)).addValue("nextHour", Timestamp.from(hour.plus(1, ChronoUnit.HOURS))));
            }
            return Optional.of(activity);
        }

        private static AirspaceActivity activity(AirspaceEvent event, String source, AirspaceActivity.Kind kind, String icao24, String flightId,
                                                 String reason, AircraftPosition position, int occupants) {
            return new AirspaceActivity(event.getAirspaceId(), source, event.getSequence(), kind, event.getOccurredAt(), icao24, flightId, reason,
                    position == null ? null : position.getLatitude(), position == null ? null : position.getLongitude(),
                    position == null ? null : position.getAltitudeM(), occupants, null);
        }
    }

    private static MapSqlParameterSource position(MapSqlParameterSource parameters, AircraftPosition position) {
        return parameters.addValue("latitude", position == null ? null : position.getLatitude())
                .addValue("longitude", position == null ? null : position.getLongitude())
                .addValue("altitudeM", position == null ? null : position.getAltitudeM());
    }
}
