package dev.contrail.benchmarks.endtoend;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress on standard output: the suite runs for minutes, and whoever started it should see where it is. */
final class Log {

    private Log() {
    }

    static void info(String format, Object... args) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + format.formatted(args));
        System.out.flush();
    }
}
