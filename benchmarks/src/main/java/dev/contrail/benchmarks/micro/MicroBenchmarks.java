package dev.contrail.benchmarks.micro;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs this package's JMH benchmarks with short settings (one fork, 2 × 1 s warm-up, 3 × 1 s measurement), enough to
 * size the driver's own costs next to the end-to-end figures. For careful numbers, run JMH directly with its defaults
 * (see benchmarks/README.md).
 */
public final class MicroBenchmarks {

    /** One benchmark's score. */
    public record Score(String benchmark, String mode, double score, double error, String unit) {
    }

    private MicroBenchmarks() {
    }

    public static List<Score> runQuick() throws RunnerException {
        var options = new OptionsBuilder()
                .include(MicroBenchmarks.class.getPackageName() + "\\..*Benchmark\\..*")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xmx512m")
                .shouldFailOnError(true)
                .build();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : new Runner(options).run()) {
            var primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            scores.add(new Score(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    result.getParams().getMode().shortLabel(), primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
        return scores;
    }
}
