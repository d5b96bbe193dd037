package dev.contrail.infrastructure.airspace.geometry;

import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.Ring;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * A domain {@link Boundary} as a JTS geometry in longitude/latitude degrees (x = longitude, y = latitude), ready for
 * containment tests on both sides of the antimeridian (ADR 0013).
 *
 * <p>A polygon whose rings cross ±180° is unwrapped — its western longitudes moved by +360° so that its edges are
 * continuous — and added twice: as unwrapped (east of 180°) and moved by −360° (west of −180°). A position, always
 * within [−180°, 180°], then falls in whichever copy covers its side of the antimeridian.
 */
public final class BoundaryGeometry {

    public static final GeometryFactory FACTORY = new GeometryFactory();

    private BoundaryGeometry() {
    }

    public static Geometry of(Boundary boundary) {
        List<Polygon> polygons = new ArrayList<>();
        for (BoundaryPolygon polygon : boundary.polygons()) {
            if (polygon.crossesAntimeridian()) {
                polygons.add(polygon(polygon, 0));
                polygons.add(polygon(polygon, -360));
            } else {
                polygons.add(polygon(polygon, Double.NaN));
            }
        }
        Geometry geometry = polygons.size() == 1 ? polygons.get(0) : FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
        if (!geometry.isValid()) {
            // Self-touching rings and overlapping sub-areas are common in hand-drawn data: buffer(0) repairs them.
            geometry = geometry.buffer(0);
        }
        return geometry;
    }

    /** @param shift NaN: as is; otherwise unwrap across the antimeridian, then add {@code shift} degrees */
    private static Polygon polygon(BoundaryPolygon polygon, double shift) {
        LinearRing shell = ring(polygon.exterior(), shift);
        LinearRing[] holes = polygon.holes().stream().map(hole -> ring(hole, shift)).toArray(LinearRing[]::new);
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Ring ring, double shift) {
        List<GeoPoint> points = ring.points();
        Coordinate[] coordinates = new Coordinate[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double longitude = points.get(i).longitude();
            if (!Double.isNaN(shift)) {
                longitude = (longitude < 0 ? longitude + 360 : longitude) + shift;
            }
            coordinates[i] = new Coordinate(longitude, points.get(i).latitude());
        }
        return FACTORY.createLinearRing(coordinates);
    }
}
