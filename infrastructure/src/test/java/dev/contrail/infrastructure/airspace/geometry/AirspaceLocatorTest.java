package dev.contrail.infrastructure.airspace.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.Containment;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.domain.airspace.VerticalLimits;
import dev.contrail.infrastructure.airspace.definitions.GeoJsonAirspaces;
import dev.contrail.infrastructure.airspace.geometry.AirspaceLocator.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class AirspaceLocatorTest {

    /** 250 m laterally, 30 m vertically, as configured by default. */
    private final AirspaceLocator locator = new AirspaceLocator(250, 30);

    private static Ring ring(double... latLons) {
        List<GeoPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < latLons.length; i += 2) {
            points.add(new GeoPoint(latLons[i], latLons[i + 1]));
        }
        return new Ring(points);
    }

    private static Ring box(double south, double west, double north, double east) {
        return ring(south, west, south, east, north, east, north, west, south, west);
    }

    @Test
    void aPositionIsInsideOutsideOrUndecidedNearTheBoundary() {
        locator.update(List.of(new Shape("BOX", Boundary.of(new BoundaryPolygon(box(38.9, -77.5, 39.0, -77.4), List.of())),
                VerticalLimits.UNBOUNDED)), List.of());

        assertThat(locator.locate(38.95, -77.45, 5000.0)).isEqualTo(Map.of("BOX", Containment.INSIDE));
        assertThat(locator.locate(38.95, -77.30, 5000.0)).isEmpty();
        // 0.001° of longitude at 39° N is ~87 m: within the 250 m margin, on either side.
        assertThat(locator.locate(38.95, -77.401, 5000.0)).isEqualTo(Map.of("BOX", Containment.UNDECIDED));
        assertThat(locator.locate(38.95, -77.399, 5000.0)).isEqualTo(Map.of("BOX", Containment.UNDECIDED));
        // ~870 m out: clearly outside, not even a candidate.
        assertThat(locator.locate(38.95, -77.39, 5000.0)).isEmpty();
    }

    @Test
    void holesAreOutsideAndEveryPolygonOfAMultipolygonIsInside() {
        var holed = new BoundaryPolygon(box(0, 0, 10, 10), List.of(box(4, 4, 6, 6)));
        var island = new BoundaryPolygon(box(20, 20, 21, 21), List.of());
        locator.update(List.of(new Shape("HOLED", new Boundary(List.of(holed, island)), VerticalLimits.UNBOUNDED)), List.of());

        assertThat(locator.containing(2, 2)).containsExactly("HOLED");
        assertThat(locator.containing(5, 5)).isEmpty();
        assertThat(locator.containing(20.5, 20.5)).containsExactly("HOLED");
        assertThat(locator.containing(15, 15)).isEmpty();
    }

    @Test
    void aVolumeAcrossTheAntimeridianContainsPositionsOnBothSides() {
        // 170° E to 170° W across ±180°, as one ring.
        var pacific = new BoundaryPolygon(ring(-10, 170, -10, -170, 10, -170, 10, 170, -10, 170), List.of());
        locator.update(List.of(new Shape("PACIFIC", Boundary.of(pacific), VerticalLimits.UNBOUNDED)), List.of());

        assertThat(locator.containing(0, 175)).containsExactly("PACIFIC");
        assertThat(locator.containing(0, -175)).containsExactly("PACIFIC");
        assertThat(locator.containing(0, 180)).containsExactly("PACIFIC");
        assertThat(locator.containing(0, -180)).containsExactly("PACIFIC");
        assertThat(locator.containing(0, 0)).isEmpty();
        assertThat(locator.containing(0, 165)).isEmpty();
        assertThat(locator.containing(0, -165)).isEmpty();
        assertThat(locator.locate(0, -179.5, null)).isEqualTo(Map.of("PACIFIC", Containment.INSIDE));
    }

    @Test
    void floorsAndCeilingsCountWithTheirMargin() {
        locator.update(List.of(new Shape("APP", Boundary.of(new BoundaryPolygon(box(38.9, -77.5, 39.0, -77.4), List.of())),
                new VerticalLimits(300.0, 3000.0))), List.of());

        assertThat(locator.locate(38.95, -77.45, 1500.0)).isEqualTo(Map.of("APP", Containment.INSIDE));
        assertThat(locator.locate(38.95, -77.45, 3500.0)).isEmpty();
        assertThat(locator.locate(38.95, -77.45, 3010.0)).isEqualTo(Map.of("APP", Containment.UNDECIDED));
        assertThat(locator.locate(38.95, -77.45, null)).isEqualTo(Map.of("APP", Containment.UNDECIDED));
    }

    @Test
    void aRemovedVolumeIsNoLongerFound() {
        locator.update(List.of(new Shape("BOX", Boundary.of(new BoundaryPolygon(box(0, 0, 1, 1), List.of())), VerticalLimits.UNBOUNDED)),
                List.of());
        locator.update(List.of(), List.of("BOX"));
        assertThat(locator.containing(0.5, 0.5)).isEmpty();
        assertThat(locator.size()).isZero();
    }

    @Test
    void dullesIsInWashingtonCenterAmongAllBundledFirs() throws IOException {
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/airspace/vatspy-boundaries.geojson.gz"))) {
            locator.update(GeoJsonAirspaces.read(in).volumes().stream()
                    .map(v -> new Shape(v.id(), v.boundary(), v.verticalLimits())).toList(), List.of());
        }

        assertThat(locator.containing(38.9445, -77.4558)).containsExactly("KZDC");
        assertThat(locator.locate(38.9445, -77.4558, 10000.0)).isEqualTo(Map.of("KZDC", Containment.INSIDE));
        // Heathrow is in London FIR.
        assertThat(locator.containing(51.47, -0.4543)).contains("EGTT");
    }
}
