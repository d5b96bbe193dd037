package dev.contrail.benchmarks.endtoend;

import java.util.Arrays;
import java.util.List;

/** Small statistics for benchmark figures: median, min and max over runs, and percentiles of latency samples. */
public final class Stats {

    private Stats() {
    }

    /** Median, minimum and maximum of a figure over runs. */
    public record Spread(double median, double min, double max, int runs) {

        public static Spread of(List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no values");
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(median, sorted[0], sorted[n - 1], n);
        }
    }

    /**
     * The nearest-rank percentile ({@code p} in [0, 100]) of the samples: the smallest sample such that at least
     * {@code p} % of all samples are at or below it. Sorts {@code samples} in place.
     */
    public static long percentile(long[] samples, int count, double p) {
        if (count == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be within [0, 100], was " + p);
        }
        Arrays.sort(samples, 0, count);
        int rank = (int) Math.ceil(p / 100 * count);
        return samples[Math.max(0, rank - 1)];
    }

    /** A growable array of long samples, for one writer at a time. */
    public static final class Samples {
        private long[] values = new long[1024];
        private int size;

        public void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        public void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        public int size() {
            return size;
        }

        public long percentile(double p) {
            return Stats.percentile(values, size, p);
        }

        public long max() {
            return percentile(100);
        }
    }

    /** Starts the threads together and waits for all of them; returns how long that took, in nanoseconds. */
    public static long runTogether(List<Thread> threads) throws InterruptedException {
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        return System.nanoTime() - start;
    }

    /** Every sample of every part, in one. */
    public static Samples merged(List<Samples> parts) {
        var all = new Samples();
        parts.forEach(all::addAll);
        return all;
    }
}
