package dev.contrail.benchmarks.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's {@code /proc/<pid>/stat} on Linux, read by the in-process measurements for another process's CPU. */
final class ProcStat {

    private ProcStat() {
    }

    /** The fields after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime. */
    static String[] fields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime, in clock ticks (USER_HZ, 100 per second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String[] fields = fields(pid);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
