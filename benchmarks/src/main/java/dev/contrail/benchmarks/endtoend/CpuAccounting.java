package dev.contrail.benchmarks.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who used the machine's CPUs during a run: this suite (the driver JVM with the embedded broker, Contrail's process,
 * the embedded PostgreSQL server) or something else. On a shared machine another process's build can halve what
 * Contrail gets, and the figures only mean something next to that.
 */
final class CpuAccounting {

    /** CPU seconds at one moment: the whole machine (busy, not idle) and the suite's own processes. */
    record Snapshot(long nanoTime, double machineBusySeconds, double suiteSeconds) {
    }

    /** Averages over an interval, in cores. */
    record Usage(double machineCores, double suiteCores, double otherCores) {
    }

    private static final double USER_HZ = 100; // Linux reports /proc/stat in USER_HZ ticks, 100 on every common build

    private final int postgresPort;

    CpuAccounting(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), machineBusySeconds(), suiteSeconds());
    }

    static Usage between(Snapshot start, Snapshot end) {
        double wall = (end.nanoTime() - start.nanoTime()) / 1e9;
        double machine = (end.machineBusySeconds() - start.machineBusySeconds()) / wall;
        double suite = (end.suiteSeconds() - start.suiteSeconds()) / wall;
        return new Usage(machine, suite, Math.max(0, machine - suite));
    }

    /** Busy time of all CPUs from the first line of /proc/stat (user, nice, system, irq, softirq, steal), or NaN. */
    static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy / USER_HZ;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time of this JVM, its child processes (Contrail) and the PostgreSQL server on our port with its backends. */
    private double suiteSeconds() {
        Set<ProcessHandle> ours = new HashSet<>();
        ours.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(ours::add);
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> isOurPostmaster(List.of(args))).orElse(false))
                .forEach(postmaster -> {
                    ours.add(postmaster);
                    postmaster.descendants().forEach(ours::add);
                });
        return ours.stream().flatMap(p -> p.info().totalCpuDuration().stream()).mapToLong(Duration::toMillis).sum() / 1000.0;
    }

    private boolean isOurPostmaster(List<String> args) {
        int p = args.indexOf("-p");
        return p >= 0 && p + 1 < args.size() && args.get(p + 1).equals(String.valueOf(postgresPort))
                || Stream.of("-p" + postgresPort).anyMatch(args::contains);
    }

    /** The port of a {@code jdbc:postgresql://host:port/...} URL. */
    static int port(String jdbcUrl) {
        String afterHost = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        String hostPort = afterHost.substring(0, afterHost.indexOf('/'));
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
