package dev.contrail.domain.airspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrail.domain.airspace.AirspacePresence.Transitions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The airspace value types and the presence rule (hysteresis, ADR 0014). */
class AirspaceValuesTest {

    private static final double MARGIN = 30;

    @Test
    void aRingMustBeClosedAndHaveThreeCorners() {
        assertThatThrownBy(() -> new Ring(List.of(new GeoPoint(0, 0), new GeoPoint(0, 1), new GeoPoint(1, 1), new GeoPoint(1, 0))))
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> new Ring(List.of(new GeoPoint(0, 0), new GeoPoint(0, 1), new GeoPoint(0, 0))))
                .hasMessageContaining("at least 4");
    }

    @Test
    void aRingKnowsWhenItCrossesTheAntimeridian() {
        var pacific = new Ring(List.of(new GeoPoint(-10, 179), new GeoPoint(-10, -179), new GeoPoint(10, -179), new GeoPoint(10, 179),
                new GeoPoint(-10, 179)));
        var atlantic = new Ring(List.of(new GeoPoint(-10, -30), new GeoPoint(-10, -20), new GeoPoint(10, -20), new GeoPoint(-10, -30)));
        assertThat(pacific.crossesAntimeridian()).isTrue();
        assertThat(atlantic.crossesAntimeridian()).isFalse();
    }

    @Test
    void theFloorMustBeBelowTheCeiling() {
        assertThatThrownBy(() -> new VerticalLimits(3000.0, 1000.0)).hasMessageContaining("below the ceiling");
    }

    @Test
    void altitudesAreInsideOutsideOrUndecidedNearTheLimits() {
        var approach = new VerticalLimits(300.0, 3000.0);
        assertThat(approach.containment(1500.0, MARGIN)).isEqualTo(Containment.INSIDE);
        assertThat(approach.containment(3100.0, MARGIN)).isEqualTo(Containment.OUTSIDE);
        assertThat(approach.containment(200.0, MARGIN)).isEqualTo(Containment.OUTSIDE);
        assertThat(approach.containment(2990.0, MARGIN)).isEqualTo(Containment.UNDECIDED);
        assertThat(approach.containment(3010.0, MARGIN)).isEqualTo(Containment.UNDECIDED);
        assertThat(approach.containment(null, MARGIN)).isEqualTo(Containment.UNDECIDED);
        assertThat(VerticalLimits.UNBOUNDED.containment(null, MARGIN)).isEqualTo(Containment.INSIDE);
        assertThat(new VerticalLimits(null, 3000.0).containment(-50.0, MARGIN)).isEqualTo(Containment.INSIDE);
    }

    @Test
    void lateralAndVerticalContainmentCombine() {
        assertThat(Containment.INSIDE.and(Containment.INSIDE)).isEqualTo(Containment.INSIDE);
        assertThat(Containment.INSIDE.and(Containment.UNDECIDED)).isEqualTo(Containment.UNDECIDED);
        assertThat(Containment.UNDECIDED.and(Containment.OUTSIDE)).isEqualTo(Containment.OUTSIDE);
    }

    @Test
    void anAircraftEntersWhatItIsClearlyInsideAndLeavesWhatItIsClearlyOutsideOf() {
        Transitions transitions = AirspacePresence.transitions(Set.of("KZDC", "IAD-APP"),
                Map.of("KZDC", Containment.INSIDE, "IAD-APP", Containment.OUTSIDE, "IAD-EAST", Containment.INSIDE));
        assertThat(transitions.exited()).containsExactly("IAD-APP");
        assertThat(transitions.entered()).containsExactly("IAD-EAST");
    }

    @Test
    void anAirspaceNoLongerNearThePositionIsLeft() {
        assertThat(AirspacePresence.transitions(Set.of("IAD-APP"), Map.of()).exited()).containsExactly("IAD-APP");
    }

    @Test
    void jitterWithinTheMarginChangesNothing() {
        assertThat(AirspacePresence.transitions(Set.of("IAD-APP"), Map.of("IAD-APP", Containment.UNDECIDED)).isEmpty()).isTrue();
        assertThat(AirspacePresence.transitions(Set.of(), Map.of("IAD-APP", Containment.UNDECIDED)).isEmpty()).isTrue();
    }
}
