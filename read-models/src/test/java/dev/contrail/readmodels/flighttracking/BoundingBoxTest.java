package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    /** The box of the bundled Dulles capture. */
    private static final BoundingBox DULLES = new BoundingBox(38.8686, -77.5707, 39.0352, -77.1965);
    /** The 20° of longitude around the antimeridian, over Fiji. */
    private static final BoundingBox ANTIMERIDIAN = new BoundingBox(-20, 170, -10, -170);

    @Test
    void containsAPositionInside() {
        assertThat(DULLES.contains(38.8778, -77.3974)).isTrue();
    }

    @Test
    void containsAPositionOnItsEdges() {
        assertThat(DULLES.contains(38.8686, -77.5707)).isTrue();
        assertThat(DULLES.contains(39.0352, -77.1965)).isTrue();
    }

    @Test
    void doesNotContainAPositionNorthOfIt() {
        assertThat(DULLES.contains(39.1, -77.3974)).isFalse();
    }

    @Test
    void doesNotContainAPositionEastOfIt() {
        assertThat(DULLES.contains(38.8778, -77.1)).isFalse();
    }

    @Test
    void doesNotContainAnAircraftWithoutPosition() {
        assertThat(DULLES.contains(null, null)).isFalse();
        assertThat(DULLES.contains(38.8778, null)).isFalse();
        assertThat(DULLES.contains(null, -77.3974)).isFalse();
    }

    @Test
    void crossesTheAntimeridianWhenWestIsGreaterThanEast() {
        assertThat(ANTIMERIDIAN.crossesAntimeridian()).isTrue();
        assertThat(DULLES.crossesAntimeridian()).isFalse();
    }

    @Test
    void containsLongitudesOnBothSidesOfTheAntimeridian() {
        assertThat(ANTIMERIDIAN.contains(-17.0, 179.0)).isTrue();
        assertThat(ANTIMERIDIAN.contains(-17.0, -179.0)).isTrue();
        assertThat(ANTIMERIDIAN.contains(-17.0, 180.0)).isTrue();
    }

    @Test
    void doesNotContainTheOtherSideOfTheWorldWhenCrossingTheAntimeridian() {
        assertThat(ANTIMERIDIAN.contains(-17.0, 0.0)).isFalse();
        assertThat(ANTIMERIDIAN.contains(-17.0, 169.0)).isFalse();
        assertThat(ANTIMERIDIAN.contains(-17.0, -169.0)).isFalse();
    }

    @Test
    void refusesALatitudeOutsideTheGlobeNamingTheEdge() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundingBox(999, -77.5, 39.0, -77.2))
                .withMessage("south must be within [-90, 90], was 999.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundingBox(38.8, -77.5, 999, -77.2))
                .withMessage("north must be within [-90, 90], was 999.0");
    }

    @Test
    void refusesALongitudeOutsideTheGlobe() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundingBox(38.8, -181, 39.0, -77.2))
                .withMessage("west must be within [-180, 180], was -181.0");
    }

    @Test
    void refusesNotANumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundingBox(38.8, -77.5, 39.0, Double.NaN))
                .withMessage("east must be within [-180, 180], was NaN");
    }

    @Test
    void refusesASouthEdgeNorthOfTheNorthEdge() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundingBox(39.0, -77.5, 38.8, -77.2))
                .withMessage("south (39.0) must not be north of north (38.8)");
    }
}
