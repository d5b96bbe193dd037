package dev.contrail.infrastructure.airspace;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Airspace context's settings ({@code contrail.airspace.*}).
 *
 * @param definitions       where volumes are defined from, and whether to import them at start-up
 * @param defaultCapacity   how many aircraft a volume takes at once unless said otherwise
 * @param capacities        per-volume capacities by airspace id (case-insensitive), above a feature's own {@code capacity}
 * @param horizontalMarginM how far from a lateral boundary a position must be to count as in or out (ADR 0014)
 * @param verticalMarginM   the same for floors and ceilings
 */
@ConfigurationProperties("contrail.airspace")
public record AirspaceProperties(Definitions definitions, @DefaultValue("100") int defaultCapacity, Map<String, Integer> capacities,
                                 @DefaultValue("250") double horizontalMarginM, @DefaultValue("30") double verticalMarginM) {

    public AirspaceProperties {
        definitions = definitions == null ? new Definitions(false, DEFAULT_LOCATIONS) : definitions;
        capacities = capacities == null ? Map.of() : capacities;
        if (defaultCapacity < 0 || horizontalMarginM < 0 || verticalMarginM < 0) {
            throw new IllegalArgumentException("contrail.airspace: capacities and margins must be 0 or more");
        }
    }

    public static final String DEFAULT_LOCATIONS = "classpath:airspace/vatspy-boundaries.geojson.gz";

    /**
     * @param enabled   import at start-up, in the background
     * @param locations Spring resource patterns, comma-separated, of GeoJSON files ({@code .gz} is read compressed)
     */
    public record Definitions(boolean enabled, @DefaultValue(DEFAULT_LOCATIONS) String locations) {
    }

    /** The capacity of a volume: configured for it, else the source's, else the default. */
    public int capacityOf(String airspaceId, Integer fromSource) {
        for (Map.Entry<String, Integer> configured : capacities.entrySet()) {
            if (configured.getKey().toLowerCase(Locale.ROOT).equals(airspaceId.toLowerCase(Locale.ROOT))) {
                return configured.getValue();
            }
        }
        return fromSource != null ? fromSource : defaultCapacity;
    }
}
