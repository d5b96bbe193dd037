package dev.contrail.benchmarks.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Figure 4 in Markdown: the rebuild rate of live-flights (and flight-tracks) next to a plain consumer's read rate of
 * the same topics, on the same run, with the volume, the timings of every rebuild and how busy the machine was.
 *
 * @param started      when the run started
 * @param machine      {@code MachineInfo.describe()}
 * @param appUnderTest the jar and its options
 * @param settings     the run's settings
 * @param volume       what the topics held when the measurements started
 * @param feed         how long feeding the raw vectors took
 * @param catchUp      from the first vector fed until every consumer group had processed everything
 * @param caughtUp     whether the pipeline caught up within the timeout (if not, the rebuilds raced live traffic)
 * @param plainReads   the plain consumer's passes
 * @param rebuilds     every rebuild, in order
 * @param loadAverages {@code /proc/loadavg} at points of the run
 * @param wallTime     the whole run
 * @param problems     what went wrong, for the reader
 */
public record ReplayReport(Instant started, String machine, String appUnderTest, ReplaySettings settings, Volume volume,
                           Duration feed, Duration catchUp, boolean caughtUp, List<PlainRead> plainReads, List<Rebuild> rebuilds,
                           List<LoadAverage> loadAverages, Duration wallTime, List<String> problems) {

    public static final String LIVE_FLIGHTS = "live-flights";
    public static final String FLIGHT_TRACKS = "flight-tracks";
    /** The goal of the replay issue: a rebuild reads at least half as fast as a plain consumer. */
    public static final double TARGET_RATIO = 0.5;
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    /** Records on the topics: raw vectors fed, and what Contrail made of them (the projections' input). */
    public record Volume(long rawVectors, long observations, long events) {

        public long projectionInput() {
            return observations + events;
        }
    }

    /** One pass of a plain consumer over both topics, from the beginning to the end offsets it found. */
    public record PlainRead(long observations, long events, long nanos) {

        public long records() {
            return observations + events;
        }

        public double perSecond() {
            return Rates.perSecondNanos(records(), nanos);
        }
    }

    /**
     * One rebuild, from the mutation to the switch-over.
     *
     * @param projection   its name
     * @param repetition   1, 2, ...
     * @param generation   the generation it built
     * @param outcome      SERVING (it took over), FAILED, CANCELLED or TIMED_OUT
     * @param eventsTotal  records its input topics held when it started ({@code lastReplay.eventsTotal})
     * @param nanos        mutation sent → switch-over ({@code servingSince} of the new generation)
     * @param reportedPeak the highest {@code eventsPerSecond} Contrail reported while it ran
     * @param reportedMean the mean of those reports
     * @param machineCores CPU the whole machine used meanwhile, cores
     * @param otherCores   of which processes other than the benchmark's (driver, Contrail, PostgreSQL)
     * @param reason       why it did not take over
     */
    public record Rebuild(String projection, int repetition, int generation, String outcome, long eventsTotal, long nanos,
                          double reportedPeak, double reportedMean, double machineCores, double otherCores, String reason) {

        public boolean tookOver() {
            return "SERVING".equals(outcome);
        }

        /** eventsTotal / (switch-over − mutation); NaN unless it took over. */
        public double perSecond() {
            return tookOver() ? Rates.perSecondNanos(eventsTotal, nanos) : Double.NaN;
        }
    }

    public record LoadAverage(String when, String value) {
    }

    public Rates.Spread plainSpread() {
        return Rates.spread(plainReads.stream().map(PlainRead::perSecond).toList());
    }

    public Rates.Spread rebuildSpread(String projection) {
        return Rates.spread(rebuilds.stream().filter(r -> r.projection().equals(projection)).map(Rebuild::perSecond).toList());
    }

    public Path write(Path resultsDir) throws IOException {
        Files.createDirectories(resultsDir);
        String md = markdown();
        Path dated = resultsDir.resolve("replay-" + FILE_DATE.format(started) + ".md");
        Files.writeString(dated, md);
        Files.writeString(resultsDir.resolve("replay-latest.md"), md);
        return dated;
    }

    public String markdown() {
        var md = new StringBuilder();
        md.append("# Contrail replay benchmark (figure 4)\n\n");
        md.append("- **Date:** ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(ChronoUnit.SECONDS))).append('\n');
        md.append("- **Machine:** ").append(machine).append('\n');
        md.append("- **Shared CPUs:** the machine's ").append("cores run the driver (generator, embedded Kafka broker, plain consumer), ")
                .append("Contrail under test and embedded PostgreSQL together, and whatever else runs on it (other users' builds); ")
                .append("load average (1, 5, 15 min): ")
                .append(String.join("; ", loadAverages.stream().map(l -> l.when() + " " + l.value()).toList())).append('\n');
        md.append("- **Contrail:** ").append(appUnderTest).append('\n');
        md.append("- **Volume:** ").append(f("%,d", volume.rawVectors())).append(" raw state vectors (")
                .append(f("%,d", settings.aircraft())).append(" aircraft, seed ").append(settings.seed()).append(", ")
                .append(f("%,.0f", settings.simulatedSeconds())).append(" s of simulated traffic, fed as fast as Kafka took them) → ")
                .append(f("%,d", volume.observations())).append(" observations + ").append(f("%,d", volume.events()))
                .append(" events = ").append(f("%,d", volume.projectionInput())).append(" records on `flight-tracking.observations` and `flight-tracking.events`\n");
        md.append("- **Run:** fed in ").append(seconds(feed)).append("; Contrail's pipeline ")
                .append(caughtUp ? "had processed everything " + seconds(catchUp) + " after the first vector"
                        : "had NOT caught up after " + seconds(catchUp) + " (the rebuilds below raced live traffic)")
                .append("; wall time of the whole run ").append(minutes(wallTime)).append('\n');
        md.append('\n');

        md.append("## Figure 4\n\n");
        md.append("Rebuild rate: `eventsTotal` (the records the projection's input topics held when the rebuild started) over the time from ")
                .append("sending `replayProjection` to the new generation's switch-over (`servingSince`). Plain consumer: a `KafkaConsumer<byte[], byte[]>` ")
                .append("of a fresh group reading both topics from the beginning to their end offsets, after one uncounted warm-up pass. Median [min–max]. Target of the replay issue: ")
                .append("rebuild ≥ ").append(f("%.0f", TARGET_RATIO * 100)).append(" % of the plain consumer.\n\n");
        md.append("| projection | input topics | records | rebuild, records/s | plain consumer, same topics, same run, records/s | ratio | target ≥ 50 % |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        Rates.Spread plain = plainSpread();
        for (String projection : List.of(LIVE_FLIGHTS, FLIGHT_TRACKS)) {
            List<Rebuild> mine = rebuilds.stream().filter(r -> r.projection().equals(projection)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Rates.Spread rebuild = rebuildSpread(projection);
            double ratio = rebuild == null || plain == null ? Double.NaN : Rates.ratio(rebuild.median(), plain.median());
            long records = mine.get(0).eventsTotal();
            md.append("| ").append(projection).append(" | ")
                    .append(projection.equals(FLIGHT_TRACKS) ? "observations" : "observations + events").append(" | ")
                    .append(f("%,d", records)).append(" | ")
                    .append(rebuild == null ? "no rebuild took over" : rebuild.format("%,.0f")).append(" | ")
                    .append(plain == null ? "not measured" : plain.format("%,.0f")).append(" | ")
                    .append(Double.isNaN(ratio) ? "–" : f("%.1f %%", ratio * 100)).append(" | ")
                    .append(Double.isNaN(ratio) ? "–" : ratio >= TARGET_RATIO ? "met" : "missed").append(" |\n");
        }
        md.append('\n');
        md.append("The plain consumer reads both topics for either projection; flight-tracks reads only the observations, so its row compares ")
                .append("records/s with records/s of the same kind.\n\n");

        md.append("## Every rebuild\n\n");
        md.append("| projection | # | generation | outcome | records | mutation → switch-over | records/s | reported `eventsPerSecond` peak / mean | machine busy / other processes, cores |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Rebuild rebuild : rebuilds) {
            md.append("| ").append(rebuild.projection()).append(" | ").append(rebuild.repetition()).append(" | ")
                    .append(rebuild.generation()).append(" | ").append(rebuild.outcome())
                    .append(rebuild.reason() == null ? "" : ": " + rebuild.reason().replace('|', '/')).append(" | ")
                    .append(f("%,d", rebuild.eventsTotal())).append(" | ")
                    .append(f("%.1f s", rebuild.nanos() / 1e9)).append(" | ")
                    .append(rebuild.tookOver() ? f("%,.0f", rebuild.perSecond()) : "–").append(" | ")
                    .append(Double.isNaN(rebuild.reportedPeak()) ? "–" : f("%,.0f / %,.0f", rebuild.reportedPeak(), rebuild.reportedMean())).append(" | ")
                    .append(Double.isNaN(rebuild.machineCores()) ? "–" : f("%.2f / %.2f", rebuild.machineCores(), rebuild.otherCores())).append(" |\n");
        }
        md.append('\n');

        md.append("## Plain consumer passes\n\n");
        md.append("| # | observations | events | records | time | records/s |\n");
        md.append("| --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < plainReads.size(); i++) {
            PlainRead read = plainReads.get(i);
            md.append("| ").append(i + 1).append(" | ").append(f("%,d", read.observations())).append(" | ").append(f("%,d", read.events()))
                    .append(" | ").append(f("%,d", read.records())).append(" | ").append(f("%.2f s", read.nanos() / 1e9))
                    .append(" | ").append(f("%,.0f", read.perSecond())).append(" |\n");
        }
        md.append('\n');

        md.append("## How to read this\n\n");
        md.append("- Both rates are measured on the same machine in the same run against the same broker, which runs in the driver's JVM. ")
                .append("The plain consumer deserialises nothing, it only counts records; a rebuild runs the projection's Kafka Streams topology ")
                .append("and writes the read model into a fresh PostgreSQL schema, then switches the views over in one transaction.\n");
        md.append("- This machine has 2 cores, shared by the application under test, PostgreSQL, the broker and the driver (and other users: ")
                .append("see the load averages above and the *other processes* column). Read the ratio with that in mind: on 2 cores a rebuild ")
                .append("competes with the broker and PostgreSQL for the same CPUs, which the plain consumer barely does.\n");
        md.append("- The switch-over is decided by Contrail's projection monitor, which reads offsets every 500 ms, so a rebuild's time ")
                .append("includes up to half a second of waiting for it.\n");
        md.append("- Reported `eventsPerSecond` is Contrail's own smoothed rate (committed offsets every 500 ms), polled every 250 ms.\n");
        if (!problems.isEmpty()) {
            md.append("\n## Problems\n\n");
            problems.forEach(problem -> md.append("- ").append(problem).append('\n'));
        }
        return md.toString();
    }

    private static String seconds(Duration duration) {
        return f("%.1f s", duration.toMillis() / 1000.0);
    }

    private static String minutes(Duration duration) {
        long s = duration.toSeconds();
        return f("%d min %02d s", s / 60, s % 60);
    }

    private static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
