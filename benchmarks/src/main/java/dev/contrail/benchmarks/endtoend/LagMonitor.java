package dev.contrail.benchmarks.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the lag of every Contrail consumer group (Kafka Streams applications included, whose application.id is
 * their group) with the AdminClient: committed offsets against the topics' end offsets, in records and in seconds
 * behind ({@link LagHistory}). Kafka Streams commits every 100 ms in Contrail, so committed offsets are fresh.
 */
final class LagMonitor implements AutoCloseable {

    /** One group's lag at one moment: records not yet committed over all its partitions, and the worst seconds behind. */
    record GroupLag(long records, double secondsBehind, long committed) {
    }

    /** Every group's lag at one moment, with the load that was being offered then. */
    record Sample(long nanoTime, double speed, long produced, Map<String, GroupLag> groups) {

        double maxSecondsBehind() {
            return groups.values().stream().mapToDouble(GroupLag::secondsBehind).max().orElse(0);
        }
    }

    /** A consumer that is not a Kafka consumer group: its input's end and how far it has processed, in its own units. */
    record Position(long end, long processed) {
    }

    /** Positions of consumers outside Kafka, sampled with the groups. */
    interface PositionSource {
        Map<String, Position> positions();
    }

    private final Admin admin;
    private volatile PositionSource others = Map::of;
    private final String groupPrefix;
    private final LagHistory history = new LagHistory();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final Duration interval;
    private final DoubleSupplier speed;
    private final java.util.function.LongSupplier produced;
    private volatile boolean running = true;

    LagMonitor(String bootstrapServers, String groupPrefix, Duration interval, DoubleSupplier speed,
               java.util.function.LongSupplier produced) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "benchmark-lag-monitor"));
        this.groupPrefix = groupPrefix;
        this.interval = interval;
        this.speed = speed;
        this.produced = produced;
        this.thread = new Thread(this::run, "benchmark-lag-monitor");
        this.thread.setDaemon(true);
    }

    /** Also samples {@code source}'s consumers, as if they were groups. */
    LagMonitor alsoWatch(PositionSource source) {
        this.others = source;
        return this;
    }

    LagMonitor start() {
        thread.start();
        return this;
    }

    /** All samples so far, oldest first. */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The latest sample, or null before the first. */
    Sample latest() {
        synchronized (samples) {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }
    }

    /** Waits until every group is within {@code bound} of the end of its topics and stays so for two samples. */
    boolean awaitCaughtUp(Duration bound, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int inARow = 0;
        int seen = samples().size();
        while (System.nanoTime() < deadline) {
            Thread.sleep(interval.toMillis());
            List<Sample> all = samples();
            if (all.size() == seen) {
                continue;
            }
            seen = all.size();
            Sample sample = all.get(all.size() - 1);
            boolean caughtUp = !sample.groups().isEmpty() && sample.maxSecondsBehind() <= bound.toMillis() / 1000.0;
            inARow = caughtUp ? inARow + 1 : 0;
            if (inARow >= 2) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        while (running) {
            long next = System.nanoTime() + interval.toNanos();
            try {
                samples.add(sample());
            } catch (ExecutionException | TimeoutException e) {
                // A missed sample is a gap in the series, not a failure of the run.
            } catch (InterruptedException e) {
                return;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private Sample sample() throws ExecutionException, InterruptedException, TimeoutException {
        double currentSpeed = speed.getAsDouble();
        long currentProduced = produced.getAsLong();
        List<String> groups = new ArrayList<>();
        for (GroupListing group : admin.listGroups().all().get(5, TimeUnit.SECONDS)) {
            if (group.groupId().startsWith(groupPrefix)) {
                groups.add(group.groupId());
            }
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = specs.isEmpty()
                ? Map.of()
                : admin.listConsumerGroupOffsets(specs).all().get(5, TimeUnit.SECONDS);
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = latest.isEmpty()
                ? Map.of()
                : admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        long now = System.nanoTime();
        ends.forEach((partition, info) -> history.recordEnd(partition, now, info.offset()));

        Map<String, GroupLag> lags = new TreeMap<>();
        committed.forEach((group, offsets) -> {
            long records = 0;
            long committedTotal = 0;
            double behind = 0;
            for (var entry : offsets.entrySet()) {
                ListOffsetsResultInfo end = ends.get(entry.getKey());
                if (end == null || entry.getValue() == null) {
                    continue;
                }
                long offset = entry.getValue().offset();
                records += Math.max(0, end.offset() - offset);
                committedTotal += offset;
                behind = Math.max(behind, history.secondsBehind(entry.getKey(), offset, now));
            }
            lags.put(group, new GroupLag(records, behind, committedTotal));
        });
        others.positions().forEach((name, position) -> {
            var pseudoPartition = new TopicPartition(name, 0);
            history.recordEnd(pseudoPartition, now, position.end());
            lags.put(name, new GroupLag(Math.max(0, position.end() - position.processed()),
                    history.secondsBehind(pseudoPartition, position.processed(), now), position.processed()));
        });
        return new Sample(now, currentSpeed, currentProduced, lags);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        admin.close(Duration.ofSeconds(5));
    }
}
