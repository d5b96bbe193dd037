package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhaseTest {

    @ParameterizedTest(name = "lost {0}, on ground {1}, vertical rate {2} → {3}")
    @CsvSource(nullValues = "null", value = {
        "true,  false, 10.0,  LOST",
        "true,  true,  0.0,   LOST",
        "false, true,  -8.0,  ON_GROUND",
        "false, true,  null,  ON_GROUND",
        "false, false, 2.51,  CLIMBING",
        "false, false, 12.0,  CLIMBING",
        "false, false, 2.5,   CRUISING",
        "false, false, 0.0,   CRUISING",
        "false, false, -2.5,  CRUISING",
        "false, false, null,  CRUISING",
        "false, false, -2.51, DESCENDING",
        "false, false, -15.0, DESCENDING",
    })
    void followsLossThenGroundThenTheVerticalRateWithALevelBandOf2point5MetresPerSecond(
            boolean lost, boolean onGround, Double verticalRate, Phase expected) {
        assertThat(Phase.of(lost, onGround, verticalRate)).isEqualTo(expected);
    }
}
