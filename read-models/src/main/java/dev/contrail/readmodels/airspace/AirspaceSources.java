package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.airspace.AirspaceChanged;
import dev.contrail.schemas.airspace.AirspaceDefined;
import dev.contrail.schemas.airspace.AirspaceEvent;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The source of the volume an airspace event is about (ADR 0021): a volume is its id within its source. Events
 * published since carry it; those published before carry none, when an id named one volume, which the event store's
 * migration (V21_1) gave to the source of its first definition and recorded in {@code airspace_legacy_volume}: the same
 * source here, so that a volume's history before and after is one history.
 */
final class AirspaceSources {

    private final NamedParameterJdbcTemplate jdbc;
    private volatile Map<String, String> legacy;

    AirspaceSources(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String of(AirspaceEvent event) {
        if (event.getSource() != null) {
            return event.getSource();
        }
        String source = legacy().get(event.getAirspaceId());
        if (source != null) {
            return source;
        }
        if (event.getPayload() instanceof AirspaceDefined defined) {
            return defined.getDefinition().getSource();
        }
        if (event.getPayload() instanceof AirspaceChanged changed) {
            return changed.getDefinition().getSource();
        }
        return "";
    }

    /** Read once: the legacy volumes are those of the store at the migration, and never change. */
    private Map<String, String> legacy() {
        Map<String, String> known = legacy;
        if (known == null) {
            Map<String, String> read = new HashMap<>();
            try {
                jdbc.getJdbcTemplate().query("SELECT airspace_id, source FROM public.airspace_legacy_volume",
                        row -> { read.put(row.getString(1), row.getString(2)); });
            } catch (DataAccessException e) {
                // No such table: no event store migrated here, so no event without a source but from a test.
            }
            known = Map.copyOf(read);
            legacy = known;
        }
        return known;
    }
}
