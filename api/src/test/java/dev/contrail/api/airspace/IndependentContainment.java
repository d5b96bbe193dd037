package dev.contrail.api.airspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Containment computed a different way from production, for the tests: plain JSON reading of the GeoJSON, even-odd
 * ray casting over every ring (holes and multipolygons included), and distances to the boundary in metres on a local
 * equirectangular projection. No JTS, no Contrail code.
 *
 * <p>Around each boundary it leaves a band wider than production's margins (250 m and 30 m by default) as
 * {@link State#NEAR}: there production may keep either state, so only positions clear of it are compared.
 */
final class IndependentContainment {

    static final double NEAR_HORIZONTAL_M = 400;
    static final double NEAR_VERTICAL_M = 40;
    private static final double METRES_PER_DEGREE = 111_320;

    enum State { IN, OUT, NEAR }

    /** rings[i] = {lon0, lat0, lon1, lat1, ...}; every ring of every polygon, holes included. */
    record Volume(String id, List<double[]> rings, Double floorM, Double ceilingM, Integer capacity) {

        State state(double latitude, double longitude, Double altitudeM) {
            boolean inside = false;
            double nearest = Double.MAX_VALUE;
            double metresPerDegreeLongitude = METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude));
            for (double[] ring : rings) {
                for (int i = 0; i + 3 < ring.length; i += 2) {
                    double x1 = ring[i], y1 = ring[i + 1], x2 = ring[i + 2], y2 = ring[i + 3];
                    // Even-odd rule: a ray to the east crosses this edge?
                    if ((y1 > latitude) != (y2 > latitude) && longitude < x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)) {
                        inside = !inside;
                    }
                    nearest = Math.min(nearest, segmentDistance(
                            (x1 - longitude) * metresPerDegreeLongitude, (y1 - latitude) * METRES_PER_DEGREE,
                            (x2 - longitude) * metresPerDegreeLongitude, (y2 - latitude) * METRES_PER_DEGREE));
                }
            }
            boolean bounded = floorM != null || ceilingM != null;
            boolean verticallyIn = true;
            boolean verticallyNear = false;
            if (bounded) {
                if (altitudeM == null) {
                    verticallyNear = true;
                } else {
                    verticallyIn = (floorM == null || altitudeM >= floorM) && (ceilingM == null || altitudeM <= ceilingM);
                    verticallyNear = (floorM != null && Math.abs(altitudeM - floorM) < NEAR_VERTICAL_M)
                            || (ceilingM != null && Math.abs(altitudeM - ceilingM) < NEAR_VERTICAL_M);
                }
            }
            boolean horizontallyNear = nearest < NEAR_HORIZONTAL_M;
            if ((!inside && !horizontallyNear) || (!verticallyIn && !verticallyNear)) {
                return State.OUT;
            }
            return inside && !horizontallyNear && verticallyIn && !verticallyNear ? State.IN : State.NEAR;
        }

        /** Distance from the origin to the segment (x1, y1)–(x2, y2), in metres. */
        private static double segmentDistance(double x1, double y1, double x2, double y2) {
            double dx = x2 - x1, dy = y2 - y1;
            double length = dx * dx + dy * dy;
            double t = length == 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / length));
            return Math.hypot(x1 + t * dx, y1 + t * dy);
        }
    }

    private IndependentContainment() {
    }

    /** The Polygon and MultiPolygon features of a GeoJSON file; anything else is skipped. */
    static Map<String, Volume> read(InputStream geoJson) throws IOException {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (JsonNode feature : new ObjectMapper().readTree(geoJson).get("features")) {
            JsonNode geometry = feature.get("geometry");
            List<JsonNode> polygons = new ArrayList<>();
            switch (geometry.get("type").asText()) {
                case "Polygon" -> polygons.add(geometry.get("coordinates"));
                case "MultiPolygon" -> geometry.get("coordinates").forEach(polygons::add);
                default -> {
                    continue;
                }
            }
            List<double[]> rings = new ArrayList<>();
            for (JsonNode polygon : polygons) {
                for (JsonNode ring : polygon) {
                    double[] coordinates = new double[ring.size() * 2];
                    for (int i = 0; i < ring.size(); i++) {
                        coordinates[2 * i] = ring.get(i).get(0).asDouble();
                        coordinates[2 * i + 1] = ring.get(i).get(1).asDouble();
                    }
                    rings.add(coordinates);
                }
            }
            JsonNode properties = feature.get("properties");
            String id = properties.get("id").asText();
            volumes.put(id, new Volume(id, rings,
                    properties.hasNonNull("floor_m") ? properties.get("floor_m").asDouble() : null,
                    properties.hasNonNull("ceiling_m") ? properties.get("ceiling_m").asDouble() : null,
                    properties.hasNonNull("capacity") ? properties.get("capacity").asInt() : null));
        }
        return volumes;
    }
}
