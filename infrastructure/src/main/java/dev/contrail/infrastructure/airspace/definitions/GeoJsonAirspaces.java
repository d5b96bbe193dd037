package dev.contrail.infrastructure.airspace.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.domain.airspace.VerticalLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads airspace volumes from a GeoJSON {@code FeatureCollection} (RFC 7946) into the Airspace context's own terms.
 * Each feature is read on its own: a malformed one is rejected with its reason and the rest load.
 *
 * <p>A feature is a volume when it has a {@code Polygon} or {@code MultiPolygon} geometry and an {@code id} property
 * (VAT-Spy's FIR/ARTCC code, e.g. {@code KZDC}). Optional properties: {@code name}; {@code floor_m} and
 * {@code ceiling_m} in metres above mean sea level (absent: unbounded, as in VAT-Spy); {@code capacity}. Features that
 * share an id are sub-areas of one volume (VAT-Spy has a few, e.g. {@code KZNY}): their polygons are joined.
 *
 * <p>A ring left open (its last point is not its first; RFC 7946 asks for closed rings, and two of the bundled VAT-Spy
 * features, {@code RJDG-W} and {@code YTRT}, are open) is closed and the feature loads with a {@link Repair} note: the
 * shape is unambiguous, and dropping a whole FIR for it would lose more than it protects.
 */
public final class GeoJsonAirspaces {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids travel in keys, logs and GraphQL: printable, no separators. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private GeoJsonAirspaces() {
    }

    /** A volume read from the file: its polygons from every feature with its id. */
    public record Volume(String id, String name, Boundary boundary, VerticalLimits verticalLimits, Integer capacity) {
    }

    /** A feature that was not loaded, and why. {@code index} is its 0-based position in the collection. */
    public record Rejection(int index, String id, String reason) {
    }

    /** A feature that loaded after a repair, and what was repaired. */
    public record Repair(int index, String id, String note) {
    }

    public record Result(int features, List<Volume> volumes, List<Rejection> rejections, List<Repair> repairs) {
    }

    /** @throws IOException when the stream is not a GeoJSON FeatureCollection at all (then nothing can be loaded) */
    public static Result read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
            throw new IOException("not a GeoJSON FeatureCollection");
        }
        Map<String, Volume> volumes = new LinkedHashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        List<Repair> repairs = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.path("features")) {
            String id = feature.path("properties").path("id").isTextual() ? feature.path("properties").path("id").asText() : null;
            try {
                List<String> notes = new ArrayList<>();
                Volume volume = volume(feature, id, notes);
                Volume earlier = volumes.get(volume.id());
                if (earlier == null) {
                    volumes.put(volume.id(), volume);
                } else if (!earlier.verticalLimits().equals(volume.verticalLimits())
                        || !java.util.Objects.equals(earlier.capacity(), volume.capacity())) {
                    throw new IllegalArgumentException("another feature with id " + id + " has other vertical limits or capacity");
                } else {
                    List<BoundaryPolygon> polygons = new ArrayList<>(earlier.boundary().polygons());
                    polygons.addAll(volume.boundary().polygons());
                    volumes.put(id, new Volume(id, earlier.name(), new Boundary(polygons), earlier.verticalLimits(), earlier.capacity()));
                }
                for (String note : notes) {
                    repairs.add(new Repair(index, id, note));
                }
            } catch (IllegalArgumentException e) {
                rejections.add(new Rejection(index, id, e.getMessage()));
            }
            index++;
        }
        return new Result(index, List.copyOf(volumes.values()), List.copyOf(rejections), List.copyOf(repairs));
    }

    private static Volume volume(JsonNode feature, String id, List<String> notes) {
        if (!"Feature".equals(feature.path("type").asText())) {
            throw new IllegalArgumentException("not a Feature");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("property 'id' must be 1-64 letters, digits, '_', '.' or '-', was "
                    + feature.path("properties").path("id"));
        }
        JsonNode properties = feature.path("properties");
        String name = properties.path("name").isTextual() ? properties.path("name").asText() : id;
        VerticalLimits limits = new VerticalLimits(metres(properties, "floor_m"), metres(properties, "ceiling_m"));
        Integer capacity = null;
        if (properties.has("capacity") && !properties.get("capacity").isNull()) {
            if (!properties.get("capacity").canConvertToInt() || properties.get("capacity").asInt() < 0) {
                throw new IllegalArgumentException("property 'capacity' must be a whole number ≥ 0, was " + properties.get("capacity"));
            }
            capacity = properties.get("capacity").asInt();
        }
        return new Volume(id, name, boundary(feature.path("geometry"), notes), limits, capacity);
    }

    private static Double metres(JsonNode properties, String name) {
        JsonNode value = properties.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("property '" + name + "' must be a number of metres, was " + value);
        }
        return value.asDouble();
    }

    private static Boundary boundary(JsonNode geometry, List<String> notes) {
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.path("coordinates");
        if (!coordinates.isArray()) {
            throw new IllegalArgumentException("geometry has no coordinates");
        }
        List<BoundaryPolygon> polygons = new ArrayList<>();
        switch (type) {
            case "Polygon" -> polygons.add(polygon(coordinates, notes));
            case "MultiPolygon" -> coordinates.forEach(polygon -> polygons.add(polygon(polygon, notes)));
            default -> throw new IllegalArgumentException("geometry must be a Polygon or MultiPolygon, was '" + type + "'");
        }
        return new Boundary(polygons);
    }

    private static BoundaryPolygon polygon(JsonNode rings, List<String> notes) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least its exterior ring");
        }
        List<Ring> holes = new ArrayList<>();
        for (int i = 1; i < rings.size(); i++) {
            holes.add(ring(rings.get(i), notes));
        }
        return new BoundaryPolygon(ring(rings.get(0), notes), holes);
    }

    private static Ring ring(JsonNode positions, List<String> notes) {
        if (!positions.isArray()) {
            throw new IllegalArgumentException("a ring must be an array of positions");
        }
        List<GeoPoint> points = new ArrayList<>(positions.size());
        for (JsonNode position : positions) {
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw new IllegalArgumentException("a position must be [longitude, latitude], was " + position);
            }
            points.add(new GeoPoint(position.get(1).asDouble(), position.get(0).asDouble()));
        }
        if (points.size() >= 3 && !points.get(0).equals(points.get(points.size() - 1))) {
            notes.add("ring closed: its last point " + points.get(points.size() - 1) + " was not its first " + points.get(0));
            points.add(points.get(0));
        }
        return new Ring(points);
    }
}
