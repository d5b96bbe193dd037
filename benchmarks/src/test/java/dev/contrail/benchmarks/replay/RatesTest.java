package dev.contrail.benchmarks.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatesTest {

    @Test
    void recordsPerSecondOverADuration() {
        assertThat(Rates.perSecond(1_200_000, Duration.ofSeconds(60))).isEqualTo(20_000.0);
        assertThat(Rates.perSecondNanos(3, 1_500_000_000L)).isEqualTo(2.0);
        assertThat(Rates.perSecond(10, Duration.ZERO)).isNaN();
    }

    @Test
    void medianMinMaxOfOddAndEvenCountsIgnoringWhatWasNotMeasured() {
        var odd = Rates.spread(List.of(30.0, 10.0, 20.0));
        assertThat(odd).isEqualTo(new Rates.Spread(20, 10, 30, 3));
        var even = Rates.spread(Arrays.asList(40.0, 10.0, Double.NaN, 20.0, 30.0, null));
        assertThat(even).isEqualTo(new Rates.Spread(25, 10, 40, 4));
        assertThat(Rates.spread(List.of(Double.NaN))).isNull();
    }

    @Test
    void ratioIsNaNWithoutADenominator() {
        assertThat(Rates.ratio(50, 200)).isEqualTo(0.25);
        assertThat(Rates.ratio(50, 0)).isNaN();
        assertThat(Rates.ratio(Double.NaN, 10)).isNaN();
    }

    @Test
    void peakAndMeanOfReportedRatesSkipTheSamplesBeforeTheFirstMeasurement() {
        double[] peakAndMean = Rates.peakAndMean(new double[] {0, 0, 1_000, 3_000, 2_000});
        assertThat(peakAndMean[0]).isEqualTo(3_000.0);
        assertThat(peakAndMean[1]).isCloseTo(2_000.0, within(1e-9));
        assertThat(Rates.peakAndMean(new double[] {0, 0})).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void aSpreadFormatsAsMedianWithItsRangeOrAloneWhenThereIsOneValue() {
        assertThat(new Rates.Spread(12_345.4, 11_000, 13_000.6, 3).format("%,.0f")).isEqualTo("12,345 [11,000–13,001]");
        assertThat(new Rates.Spread(12_345.4, 12_345.4, 12_345.4, 1).format("%,.0f")).isEqualTo("12,345");
    }
}
