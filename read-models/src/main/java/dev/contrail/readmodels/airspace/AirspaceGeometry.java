package dev.contrail.readmodels.airspace;

import dev.contrail.schemas.airspace.AirspaceDefinition;
import dev.contrail.schemas.airspace.BoundaryPolygon;
import dev.contrail.schemas.airspace.GeoPoint;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A published airspace boundary as a JTS geometry for the query side (x = longitude, y = latitude), and as GeoJSON
 * for clients. A polygon that crosses ±180° is unwrapped and added on both sides, as the write side does, so that
 * {@code airspaces(containing:)} answers the same on either side of the antimeridian.
 */
final class AirspaceGeometry {

    static final GeometryFactory FACTORY = new GeometryFactory();

    private AirspaceGeometry() {
    }

    static Geometry of(AirspaceDefinition definition) {
        List<Polygon> polygons = new ArrayList<>();
        for (BoundaryPolygon polygon : definition.getPolygons()) {
            if (crosses(polygon)) {
                polygons.add(polygon(polygon, 0));
                polygons.add(polygon(polygon, -360));
            } else {
                polygons.add(polygon(polygon, Double.NaN));
            }
        }
        Geometry geometry = FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
        return geometry.isValid() ? geometry : geometry.buffer(0);
    }

    /** south, west, north, east; west > east when a polygon crosses the antimeridian. */
    static double[] boundingBox(AirspaceDefinition definition) {
        double south = 90, north = -90, west = 180, east = -180;
        boolean crossing = definition.getPolygons().stream().anyMatch(AirspaceGeometry::crosses);
        for (BoundaryPolygon polygon : definition.getPolygons()) {
            for (GeoPoint point : polygon.getExterior()) {
                south = Math.min(south, point.getLatitude());
                north = Math.max(north, point.getLatitude());
                double longitude = crossing && point.getLongitude() < 0 ? point.getLongitude() + 360 : point.getLongitude();
                west = Math.min(west, longitude);
                east = Math.max(east, longitude);
            }
        }
        if (crossing) {
            // Back to [-180, 180]: west stays east of the antimeridian, east wraps to its west.
            west = west > 180 ? west - 360 : west;
            east = east > 180 ? east - 360 : east;
        }
        return new double[] {south, west, north, east};
    }

    static String geoJson(AirspaceDefinition definition) {
        StringBuilder json = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for (int p = 0; p < definition.getPolygons().size(); p++) {
            BoundaryPolygon polygon = definition.getPolygons().get(p);
            json.append(p == 0 ? "[" : ",[");
            ring(json, polygon.getExterior());
            for (List<GeoPoint> hole : polygon.getHoles()) {
                json.append(',');
                ring(json, hole);
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }

    static int pointCount(AirspaceDefinition definition) {
        return definition.getPolygons().stream()
                .mapToInt(p -> p.getExterior().size() + p.getHoles().stream().mapToInt(List::size).sum()).sum();
    }

    private static void ring(StringBuilder json, List<GeoPoint> points) {
        json.append('[');
        for (int i = 0; i < points.size(); i++) {
            json.append(i == 0 ? "[" : ",[").append(points.get(i).getLongitude()).append(',').append(points.get(i).getLatitude()).append(']');
        }
        json.append(']');
    }

    private static boolean crosses(BoundaryPolygon polygon) {
        if (crosses(polygon.getExterior())) {
            return true;
        }
        return polygon.getHoles().stream().anyMatch(AirspaceGeometry::crosses);
    }

    private static boolean crosses(List<GeoPoint> ring) {
        for (int i = 1; i < ring.size(); i++) {
            if (Math.abs(ring.get(i).getLongitude() - ring.get(i - 1).getLongitude()) > 180) {
                return true;
            }
        }
        return false;
    }

    private static Polygon polygon(BoundaryPolygon polygon, double shift) {
        LinearRing shell = ring(polygon.getExterior(), shift);
        LinearRing[] holes = polygon.getHoles().stream().map(hole -> ring(hole, shift)).toArray(LinearRing[]::new);
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(List<GeoPoint> points, double shift) {
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double longitude = points.get(i).getLongitude();
            if (!Double.isNaN(shift)) {
                longitude = (longitude < 0 ? longitude + 360 : longitude) + shift;
            }
            coordinates[i] = new Coordinate(longitude, points.get(i).getLatitude());
        }
        return FACTORY.createLinearRing(coordinates);
    }
}
