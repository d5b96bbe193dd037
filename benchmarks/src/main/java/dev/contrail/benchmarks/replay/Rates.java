package dev.contrail.benchmarks.replay;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The arithmetic of figure 4: records per second, median [min–max], ratios. */
public final class Rates {

    private Rates() {
    }

    /** Records per second over a duration; NaN when the duration is not positive. */
    public static double perSecond(long records, Duration elapsed) {
        return perSecondNanos(records, elapsed.toNanos());
    }

    public static double perSecondNanos(long records, long nanos) {
        return nanos <= 0 ? Double.NaN : records * 1e9 / nanos;
    }

    /** Median, min and max of the finite values; null when there are none. */
    public static Spread spread(List<Double> values) {
        double[] sorted = values.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return null;
        }
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** {@code numerator / denominator}, NaN when either is missing or the denominator is not positive. */
    public static double ratio(double numerator, double denominator) {
        return Double.isFinite(numerator) && Double.isFinite(denominator) && denominator > 0 ? numerator / denominator : Double.NaN;
    }

    /** Peak and mean of a rate series, ignoring samples that are not positive (before the first measurement). */
    public static double[] peakAndMean(double[] samples) {
        double[] positive = Arrays.stream(samples).filter(v -> Double.isFinite(v) && v > 0).toArray();
        if (positive.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {Arrays.stream(positive).max().orElseThrow(), Arrays.stream(positive).average().orElseThrow()};
    }

    /** A figure over repetitions. */
    public record Spread(double median, double min, double max, int count) {

        /** {@code 12,345 [11,000–13,000]}, or the single value when there is one. */
        public String format(String pattern) {
            if (count == 1) {
                return String.format(Locale.ROOT, pattern, median);
            }
            return String.format(Locale.ROOT, pattern + " [" + pattern + "–" + pattern + "]", median, min, max);
        }
    }
}
