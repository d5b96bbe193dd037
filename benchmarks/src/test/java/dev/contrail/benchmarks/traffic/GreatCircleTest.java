package dev.contrail.benchmarks.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GreatCircleTest {

    private static final double QUARTER_MERIDIAN_M = Math.PI / 2 * GreatCircle.EARTH_RADIUS_M;

    @Test
    void distanceAlongTheEquatorAndAMeridianIsAQuarterOfTheCircumference() {
        assertThat(GreatCircle.distanceM(0, 0, 0, 90)).isCloseTo(QUARTER_MERIDIAN_M, within(1e-3));
        assertThat(GreatCircle.distanceM(0, 0, 90, 0)).isCloseTo(QUARTER_MERIDIAN_M, within(1e-3));
        assertThat(GreatCircle.distanceM(10, 20, 10, 20)).isZero();
    }

    @Test
    void distanceBetweenRealAirportsMatchesPublishedFigures() {
        // JFK to LAX: 2,475 statute miles (3,983 km) great circle on the WGS 84 ellipsoid; a sphere is within 0.5 %.
        assertThat(GreatCircle.distanceM(40.639801, -73.7789, 33.942501, -118.407997)).isCloseTo(3_983_000, withPercentage(0.5));
    }

    @Test
    void distanceIsSymmetricAndCrossesTheAntimeridian() {
        assertThat(GreatCircle.distanceM(0, 179.5, 0, -179.5)).isCloseTo(QUARTER_MERIDIAN_M / 90, within(1e-3));
        assertThat(GreatCircle.distanceM(38.9, -77.4, 51.5, -0.4)).isEqualTo(GreatCircle.distanceM(51.5, -0.4, 38.9, -77.4));
    }

    @Test
    void initialBearingPointsToTheCardinalDirections() {
        assertThat(GreatCircle.initialBearingDeg(0, 0, 10, 0)).isCloseTo(0, within(1e-9));
        assertThat(GreatCircle.initialBearingDeg(0, 0, 0, 10)).isCloseTo(90, within(1e-9));
        assertThat(GreatCircle.initialBearingDeg(0, 0, -10, 0)).isCloseTo(180, within(1e-9));
        assertThat(GreatCircle.initialBearingDeg(0, 0, 0, -10)).isCloseTo(270, within(1e-9));
    }

    @Test
    void initialBearingAndDistanceMatchTheTextbookExample() {
        // Wikipedia, "Great-circle navigation": Valparaíso (33°S 71.6°W) to Shanghai (31.4°N 121.8°E) starts at
        // −94.41° (265.59°) and is 18,743 km on a sphere of radius 6,371 km.
        assertThat(GreatCircle.initialBearingDeg(-33, -71.6, 31.4, 121.8)).isCloseTo(265.59, within(0.01));
        assertThat(GreatCircle.distanceM(-33, -71.6, 31.4, 121.8) * 6_371_000 / GreatCircle.EARTH_RADIUS_M)
                .isCloseTo(18_743_000, within(1_000.0));
        // Along a parallel the great circle starts poleward of due east: Baghdad to Osaka, both at 35°N, at 60.16°.
        assertThat(GreatCircle.initialBearingDeg(35, 45, 35, 135)).isCloseTo(60.16, within(0.01));
    }

    @Test
    void intermediatePointsAreAtTheirFractionOfTheDistance() {
        assertThat(GreatCircle.intermediatePoint(0, 0, 0, 90, 0.5)).satisfies(p -> {
            assertThat(p.latitude()).isCloseTo(0, within(1e-9));
            assertThat(p.longitude()).isCloseTo(45, within(1e-9));
        });
        assertThat(GreatCircle.intermediatePoint(0, 0, 60, 0, 0.5).latitude()).isCloseTo(30, within(1e-9));

        var random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            double lat1 = random.nextDouble(-80, 80), lon1 = random.nextDouble(-180, 180);
            double lat2 = random.nextDouble(-80, 80), lon2 = random.nextDouble(-180, 180);
            double fraction = random.nextDouble();
            double total = GreatCircle.distanceM(lat1, lon1, lat2, lon2);
            GreatCircle.Point p = GreatCircle.intermediatePoint(lat1, lon1, lat2, lon2, fraction);
            assertThat(GreatCircle.distanceM(lat1, lon1, p.latitude(), p.longitude())).isCloseTo(fraction * total, within(0.01));
            assertThat(GreatCircle.distanceM(p.latitude(), p.longitude(), lat2, lon2)).isCloseTo((1 - fraction) * total, within(0.01));
        }
    }

    @Test
    void intermediatePointsAtTheEndsAreTheEnds() {
        GreatCircle.Point start = GreatCircle.intermediatePoint(38.9445, -77.455803, 51.4706, -0.461941, 0);
        GreatCircle.Point end = GreatCircle.intermediatePoint(38.9445, -77.455803, 51.4706, -0.461941, 1);
        assertThat(start.latitude()).isCloseTo(38.9445, within(1e-9));
        assertThat(start.longitude()).isCloseTo(-77.455803, within(1e-9));
        assertThat(end.latitude()).isCloseTo(51.4706, within(1e-9));
        assertThat(end.longitude()).isCloseTo(-0.461941, within(1e-9));
        assertThat(GreatCircle.intermediatePoint(10, 10, 10, 10, 0.3)).isEqualTo(new GreatCircle.Point(10, 10));
    }

    @Test
    void bearingsAreNormalisedToZeroUpTo360() {
        assertThat(GreatCircle.normalizeDegrees(-90)).isEqualTo(270);
        assertThat(GreatCircle.normalizeDegrees(360)).isZero();
        assertThat(GreatCircle.normalizeDegrees(-1e-15)).isZero();
        assertThat(GreatCircle.normalizeDegrees(725)).isEqualTo(5);
    }
}
