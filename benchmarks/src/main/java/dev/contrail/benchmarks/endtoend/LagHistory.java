package dev.contrail.benchmarks.endtoend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of partitions over time, to tell how far behind a consumer is in <em>time</em>: a consumer whose
 * committed offset is {@code c} is as far behind as the moment the end of the partition first went past {@code c}.
 * Records counts alone cannot be compared across topics with different rates; seconds can.
 * <p>
 * Not thread-safe.
 */
final class LagHistory {

    private final Map<TopicPartition, Series> series = new HashMap<>();

    /** The end offset of {@code partition} observed at {@code nanoTime}; observations come in time order. */
    void recordEnd(TopicPartition partition, long nanoTime, long endOffset) {
        series.computeIfAbsent(partition, p -> new Series()).add(nanoTime, endOffset);
    }

    /**
     * Seconds between {@code nowNanos} and the first observation at which the partition's end was beyond
     * {@code committed}, i.e. how old the oldest record the consumer has not yet processed was, at least, in
     * observation resolution; 0 when the consumer is at the end. A consumer that was behind before the first
     * observation is as far behind as the first observation.
     */
    double secondsBehind(TopicPartition partition, long committed, long nowNanos) {
        Series s = series.get(partition);
        if (s == null || s.size == 0 || committed >= s.ends[s.size - 1]) {
            return 0;
        }
        // First observation whose end is beyond the committed offset; ends never decrease.
        int low = 0;
        int high = s.size - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (s.ends[mid] > committed) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return Math.max(0, (nowNanos - s.times[low]) / 1e9);
    }

    private static final class Series {
        private long[] times = new long[256];
        private long[] ends = new long[256];
        private int size;

        void add(long time, long end) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            // An end offset never goes back (unless the topic was recreated, which the suite does only between runs).
            times[size] = time;
            ends[size] = size > 0 ? Math.max(end, ends[size - 1]) : end;
            size++;
        }
    }
}
