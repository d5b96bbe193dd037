package dev.contrail.benchmarks.endtoend;

import java.time.Duration;
import java.util.List;

/**
 * Everything one end-to-end run measured. A figure that could not be measured in this run holds null and its
 * reason in {@link #problems()}.
 *
 * @param run              1, 2, ...
 * @param applicationIdPrefix the run's prefix of Contrail's consumer groups
 * @param startup          from process start to /actuator/health UP, or null if the run failed before
 * @param warmUp           from the first snapshot of every aircraft to every consumer group caught up, or null
 * @param queries          figure 3
 * @param subscriptions    figure 2
 * @param ingest           figure 1
 * @param peakRssBytes     figure 5: VmHWM of Contrail's process, or -1
 * @param gcPauseSeconds   figure 5: total of jvm.gc.pause, or NaN
 * @param gcPauses         figure 5: count of jvm.gc.pause, or -1
 * @param appCpuSeconds    CPU time Contrail's process used, or NaN
 * @param measuredSeconds  wall time from health UP to the end of figure 1, the denominator of the GC share
 * @param cpu              how busy the machine was over the run, and with what
 * @param groups           Contrail's consumer groups seen
 * @param lagSamples       every lag sample of the run
 * @param problems         what went wrong, in words
 */
record RunResult(int run, String applicationIdPrefix, Duration startup, Duration warmUp, FlightsQueryLoad.Result queries,
                 SubscriptionLoad.Result subscriptions, IngestLadder.Result ingest, long peakRssBytes,
                 double gcPauseSeconds, long gcPauses, double appCpuSeconds, double measuredSeconds, CpuAccounting.Usage cpu, List<String> groups,
                 List<LagMonitor.Sample> lagSamples, List<String> problems) {

    /** A run that could not be completed, and why. */
    static RunResult failed(int run, String applicationIdPrefix, String why) {
        return new RunResult(run, applicationIdPrefix, null, null, null, null, null, -1, Double.NaN, -1, Double.NaN, 0, null,
                List.of(), List.of(), List.of("the run did not complete: " + why));
    }
}
