package dev.contrail.benchmarks.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Figure 1, sustained ingest: state vectors/s from the raw topic into the read models. The load climbs a ladder of
 * time accelerations; at each rung every Contrail consumer group must stay within the lag bound (seconds behind the
 * end of its topics) and must not be falling further behind. The figure is the highest rate produced at a rung that
 * held; the first rung that did not hold names the bottleneck.
 */
final class IngestLadder {

    /**
     * One rung: what was offered, how far behind each group was a third of the way in and at its end, and the CPU
     * Contrail's process and the whole machine used over the judged part (the last two thirds), in cores; NaN when
     * not measured.
     */
    record Step(double speed, double offeredPerSecond, double producedPerSecond, Map<String, LagMonitor.GroupLag> atMiddle,
                Map<String, LagMonitor.GroupLag> atEnd, boolean held, String verdict, double contrailCores, double machineCores) {

        Step withCpu(double contrail, double machine) {
            return new Step(speed, offeredPerSecond, producedPerSecond, atMiddle, atEnd, held, verdict, contrail, machine);
        }

        /** Core-seconds per 1,000 state vectors: cores used over thousands of vectors produced per second. */
        double contrailCoreSecondsPerThousand() {
            return contrailCores / (producedPerSecond / 1000);
        }

        double machineCoreSecondsPerThousand() {
            return machineCores / (producedPerSecond / 1000);
        }
    }

    /** Cumulative CPU seconds, read at the edges of the judged part of each rung. */
    record CpuMeters(DoubleSupplier contrailSeconds, DoubleSupplier machineBusySeconds) {
    }

    /** The ladder of one run. */
    record Result(List<Step> steps) {

        /** The highest rate (measured, state vectors/s) at a rung that held, or 0 if none did. */
        double sustainedPerSecond() {
            return steps.stream().filter(Step::held).mapToDouble(Step::producedPerSecond).max().orElse(0);
        }

        /** The highest rung that held, if any. */
        Step highestHeld() {
            return steps.stream().filter(Step::held).reduce((lower, higher) -> higher.producedPerSecond() >= lower.producedPerSecond() ? higher : lower)
                    .orElse(null);
        }

        /** The first rung that did not hold, if any. */
        Step firstFailure() {
            return steps.stream().filter(step -> !step.held()).findFirst().orElse(null);
        }
    }

    private final LoadProducer load;
    private final LagMonitor lag;
    private final List<Double> speeds;
    private final Duration step;
    private final Duration bound;
    private final CpuMeters cpu;

    IngestLadder(LoadProducer load, LagMonitor lag, List<Double> speeds, Duration step, Duration bound, CpuMeters cpu) {
        this.load = load;
        this.lag = lag;
        this.speeds = speeds;
        this.step = step;
        this.bound = bound;
        this.cpu = cpu;
    }

    Result climb() throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        try {
            for (double speed : speeds) {
                Step result = rung(speed);
                steps.add(result);
                Log.info("  figure 1: %s× (%,.0f vectors/s offered, %,.0f produced; Contrail %.2f cores, machine %.2f): %s",
                        speed, result.offeredPerSecond(), result.producedPerSecond(), result.contrailCores(), result.machineCores(),
                        result.verdict());
                if (!result.held()) {
                    break;
                }
            }
        } finally {
            load.setSpeed(0);
        }
        return new Result(steps);
    }

    private Step rung(double speed) throws InterruptedException {
        long producedBefore = load.produced();
        long start = System.nanoTime();
        load.setSpeed(speed);
        // The first third of a rung is the transition from the rung before: judged, and its CPU counted, after it.
        Thread.sleep(step.toMillis() / 3);
        long judgedFrom = System.nanoTime();
        double contrailFrom = cpu.contrailSeconds().getAsDouble();
        double machineFrom = cpu.machineBusySeconds().getAsDouble();
        Thread.sleep(step.toMillis() - step.toMillis() / 3);
        long end = System.nanoTime();
        double contrailCores = (cpu.contrailSeconds().getAsDouble() - contrailFrom) / ((end - judgedFrom) / 1e9);
        double machineCores = (cpu.machineBusySeconds().getAsDouble() - machineFrom) / ((end - judgedFrom) / 1e9);
        double produced = KafkaRawLimits.perSecond(load.produced() - producedBefore, end - start);
        double offered = load.vectorsPerSecondAt(speed);
        List<LagMonitor.Sample> window = lag.samples().stream().filter(sample -> sample.nanoTime() >= judgedFrom).toList();
        return judge(speed, offered, produced, window, bound).withCpu(contrailCores, machineCores);
    }

    /**
     * A rung holds when the producer delivered what was asked (within 5 %) and, over the last two thirds of the rung,
     * every group ended within the bound and was not falling behind: the least-squares slope of its seconds behind
     * over time is at most {@value #MAX_SLOPE} s/s, or it ended less than a second behind (a group that commits in
     * batches saws up and down by its batch time; a group that cannot keep up grows by 1 − capacity/rate seconds
     * every second).
     */
    static Step judge(double speed, double offered, double produced, List<LagMonitor.Sample> window, Duration bound) {
        Map<String, LagMonitor.GroupLag> atMiddle = window.isEmpty() ? Map.of() : window.get(0).groups();
        Map<String, LagMonitor.GroupLag> atEnd = window.isEmpty() ? Map.of() : window.get(window.size() - 1).groups();
        if (produced < 0.95 * offered) {
            return new Step(speed, offered, produced, atMiddle, atEnd, false,
                    "the load producer could only offer %,.0f/s (Kafka itself is the limit)".formatted(produced), Double.NaN, Double.NaN);
        }
        if (window.size() < 3) {
            return new Step(speed, offered, produced, atMiddle, atEnd, false, "too few lag samples to judge", Double.NaN, Double.NaN);
        }
        double boundSeconds = bound.toMillis() / 1000.0;
        List<String> behind = new ArrayList<>();
        for (var entry : atEnd.entrySet()) {
            String group = entry.getKey();
            double now = entry.getValue().secondsBehind();
            double slope = slope(window, group);
            if (now > boundSeconds || (slope > MAX_SLOPE && now >= 1)) {
                behind.add("%s %.1f s behind, falling behind by %.2f s/s (%,d records)".formatted(group, now, slope, entry.getValue().records()));
            }
        }
        return behind.isEmpty()
                ? new Step(speed, offered, produced, atMiddle, atEnd, true, "lag bounded", Double.NaN, Double.NaN)
                : new Step(speed, offered, produced, atMiddle, atEnd, false, "lag growing: " + String.join("; ", behind), Double.NaN, Double.NaN);
    }

    /** Seconds behind gained per second: at or above it a group is not keeping up. */
    static final double MAX_SLOPE = 0.1;

    /** Least-squares slope of a group's seconds behind over the samples' time, s/s. */
    static double slope(List<LagMonitor.Sample> samples, String group) {
        double n = 0;
        double sumT = 0;
        double sumY = 0;
        double sumTT = 0;
        double sumTY = 0;
        long t0 = samples.get(0).nanoTime();
        for (LagMonitor.Sample sample : samples) {
            LagMonitor.GroupLag lag = sample.groups().get(group);
            if (lag == null) {
                continue;
            }
            double t = (sample.nanoTime() - t0) / 1e9;
            n++;
            sumT += t;
            sumY += lag.secondsBehind();
            sumTT += t * t;
            sumTY += t * lag.secondsBehind();
        }
        double denominator = n * sumTT - sumT * sumT;
        return n < 2 || denominator == 0 ? 0 : (n * sumTY - sumT * sumY) / denominator;
    }
}
