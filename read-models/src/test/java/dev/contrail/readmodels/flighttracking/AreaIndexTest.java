package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AreaIndexTest {

    private static final BoundingBox DULLES = new BoundingBox(38.8686, -77.5707, 39.0352, -77.1965);
    private static final BoundingBox FIJI_ACROSS_180 = new BoundingBox(-20, 170, -10, -170);
    private static final BoundingBox EUROPE = new BoundingBox(35, -10, 70, 40); // 35 × 50 cells: the coarse grid

    private final AreaIndex<String> index = new AreaIndex<>();

    @Test
    void findsASubscriberInTheCellsOfItsBoxOnly() {
        index.add(DULLES, "dulles");
        index.refresh();

        assertThat(candidates(38.95, -77.4)).containsExactly("dulles");
        assertThat(candidates(37.5, -77.4)).as("a cell south of it").isEmpty();
        assertThat(candidates(51.47, -0.45)).as("London").isEmpty();
    }

    @Test
    void findsASubscriberOnBothSidesOfTheAntimeridian() {
        index.add(FIJI_ACROSS_180, "fiji");
        index.refresh();

        assertThat(candidates(-17.75, 177.44)).containsExactly("fiji");
        assertThat(candidates(-15, -175)).containsExactly("fiji");
        assertThat(candidates(-15, 0)).isEmpty();
    }

    @Test
    void listsLargeBoxesInTheCoarseGridAndAreaLessSubscribersEverywhere() {
        index.add(EUROPE, "europe");
        index.add(null, "world");
        index.refresh();

        assertThat(Arrays.asList(index.fineAt(51.47, -0.45))).isEmpty();
        assertThat(Arrays.asList(index.coarseAt(51.47, -0.45))).containsExactly("europe");
        assertThat(candidates(51.47, -0.45)).containsExactlyInAnyOrder("europe", "world");
        assertThat(candidates(-33.9, 151.2)).containsExactly("world");
    }

    @Test
    void seesAddsAndRemovesOnlyAfterARefresh() {
        index.add(DULLES, "dulles");
        assertThat(candidates(38.95, -77.4)).as("before refresh").isEmpty();
        index.refresh();
        index.remove(DULLES, "dulles");
        assertThat(candidates(38.95, -77.4)).as("removed, not yet refreshed").containsExactly("dulles");
        index.refresh();

        assertThat(candidates(38.95, -77.4)).isEmpty();
    }

    @Test
    void handlesTheEdgesOfTheWorld() {
        var poles = new BoundingBox(89.5, 179.5, 90, 180);
        index.add(poles, "corner");
        index.refresh();

        assertThat(candidates(90, 180)).containsExactly("corner");
        assertThat(candidates(-90, -180)).isEmpty();
    }

    /** Against the definition: the candidates of a point always include every subscriber whose box contains it. */
    @Test
    void neverMissesASubscriberWhoseBoxContainsThePoint() {
        var random = new SplittableRandom(20261207);
        List<BoundingBox> boxes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            double south = -90 + random.nextDouble() * 170;
            double height = random.nextDouble() * (i % 10 == 0 ? 60 : 6);
            double west = -180 + random.nextDouble() * 360;
            double east = west + random.nextDouble() * (i % 10 == 0 ? 120 : 8);
            BoundingBox box = new BoundingBox(south, west, Math.min(90, south + height), east > 180 ? east - 360 : east);
            boxes.add(box);
            index.add(box, "s" + i);
        }
        index.refresh();

        for (int point = 0; point < 20_000; point++) {
            double latitude = -90 + random.nextDouble() * 180;
            double longitude = -180 + random.nextDouble() * 360;
            List<String> candidates = candidates(latitude, longitude);
            for (int i = 0; i < boxes.size(); i++) {
                if (boxes.get(i).contains(latitude, longitude)) {
                    assertThat(candidates).as("box %s at %s,%s", boxes.get(i), latitude, longitude).contains("s" + i);
                }
            }
            assertThat(candidates).doesNotHaveDuplicates();
        }
    }

    private List<String> candidates(double latitude, double longitude) {
        List<String> found = new ArrayList<>();
        for (Object[] cell : List.of(index.everywhere(), index.fineAt(latitude, longitude), index.coarseAt(latitude, longitude))) {
            for (Object subscriber : cell) {
                found.add((String) subscriber);
            }
        }
        return found;
    }
}
