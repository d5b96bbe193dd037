package dev.contrail.benchmarks.endtoend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled OurAirports import (ADR 0011) with one transaction per airport (batch size 1, before ADR 0034) and with
 * batches, in one run (see benchmarks/README.md, "Airport import"). For each batch size: a fresh database, every topic
 * deleted, Contrail's Boot jar in a process of its own as the suite runs it ({@link ContrailProcess}, capture off)
 * with {@code --contrail.airports.import.enabled=true --contrail.airports.import.batch-size=N}; the import is timed
 * from its {@code Airport import:} log line to its {@code Airport import done} line, and the CPU of Contrail's process,
 * of the suite's processes (this JVM with the Kafka broker, Contrail, PostgreSQL) and of the machine is read at both,
 * with how many airports the {@code airport} read model serves at the end. Prints a Markdown table and writes it to {@code results/airport-import-latest.md} and a dated copy.
 */
public final class AirportImportBenchmark {

    /**
     * @param batchSizes  the batch sizes to import with, in order, each into a fresh database
     * @param appJar      Contrail's Boot jar
     * @param appJvmArgs  JVM options for Contrail's process
     * @param resultsDir  where airport-import-latest.md goes
     * @param workDir     Contrail's logs
     */
    record Settings(List<Integer> batchSizes, Path appJar, List<String> appJvmArgs, Path resultsDir, Path workDir) {

        static Settings fromSystemProperties() {
            String jvmArgs = property("app.jvmArgs", "-Xmx1g");
            return new Settings(Arrays.stream(property("batchSizes", "1,250").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                    Path.of(property("app.jar", "api/target/contrail-api-0.1.0-SNAPSHOT.jar")).toAbsolutePath().normalize(),
                    jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.trim().split("\\s+")),
                    Path.of(property("resultsDir", "benchmarks/results")).toAbsolutePath().normalize(),
                    Path.of(property("workDir", "benchmarks/target/airport-import-work")).toAbsolutePath().normalize());
        }

        private static String property(String name, String defaultValue) {
            String value = System.getProperty("airports." + name);
            return value == null || value.isBlank() ? defaultValue : value.trim();
        }
    }

    /** One import: the importer's own report line, and what the CPUs did meanwhile. */
    record Run(int batchSize, String report, long rows, long registered, long failed, double startupSeconds, double importSeconds,
               double contrailCpuSeconds, double suiteCpuSeconds, double machineCpuSeconds, double otherCores, long servedAtDone) {

        double rowsPerSecond() {
            return rows / importSeconds;
        }

        double perThousand(double cpuSeconds) {
            return cpuSeconds / (rows / 1000.0);
        }
    }

    private static final Pattern STARTED = Pattern.compile("Airport import: .* importing ");
    private static final Pattern DONE = Pattern.compile("Airport import done: (.*)");
    private static final Pattern REPORT = Pattern.compile("([\\d,.\\s]+) rows in .*?: ([\\d,.\\s]+) registered, .*?, ([\\d,.\\s]+) failed");
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(20);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final List<String[]> loadAverages = new ArrayList<>();

    AirportImportBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            new AirportImportBenchmark(Settings.fromSystemProperties()).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The embedded broker and PostgreSQL stop in their shutdown hooks (the broker's threads would keep the JVM up).
        System.exit(status);
    }

    void run() throws Exception {
        Instant started = Instant.now();
        var machine = MachineInfo.current();
        Log.info("Contrail airport import benchmark on %s", machine.describe());
        Log.info("Settings: %s", settings);
        noteLoadAverage("at start");
        var stack = EmbeddedStack.start();
        String bootstrap = stack.bootstrapServers();
        String postgresUrl = stack.postgresUrl();
        String user = stack.user();
        var underTest = ContrailProcess.underTest(settings.appJar(), settings.workDir(), settings.appJvmArgs());
        Path appJar = underTest.jar();
        String appUnderTest = underTest.description();
        var cpu = new CpuAccounting(CpuAccounting.port(postgresUrl));
        List<Run> runs = new ArrayList<>();
        for (int batchSize : settings.batchSizes()) {
            BenchmarkSuite.resetKafka(bootstrap);
            String jdbcUrl = BenchmarkSuite.freshDatabase(postgresUrl, user, "contrail_airports_" + batchSize + "_" + started.getEpochSecond());
            runs.add(importWith(batchSize, appJar, bootstrap, jdbcUrl, user, cpu, started));
            noteLoadAverage("after batch size " + batchSize);
        }
        String markdown = markdown(started, machine.describe(), appUnderTest, runs);
        Log.info("%n%s", markdown);
        Files.createDirectories(settings.resultsDir());
        Path latest = settings.resultsDir().resolve("airport-import-latest.md");
        Files.writeString(latest, markdown);
        Files.writeString(settings.resultsDir().resolve("airport-import-" + FILE_DATE.format(started) + ".md"), markdown);
        Log.info("Report: %s", latest);
    }

    private Run importWith(int batchSize, Path appJar, String bootstrap, String jdbcUrl, String user, CpuAccounting cpu, Instant started) throws Exception {
        Path log = settings.workDir().resolve("contrail-airports-batch-" + batchSize + ".log");
        Log.info("Batch size %d: starting Contrail; log: %s", batchSize, log);
        long launched = System.nanoTime();
        try (var app = ContrailProcess.start(appJar, settings.appJvmArgs(), List.of("--contrail.airports.import.enabled=true", "--contrail.airports.import.batch-size=" + batchSize,
                        "--contrail.kafka.application-id-prefix=contrail-airports-" + batchSize + "-" + started.getEpochSecond()),
                bootstrap, jdbcUrl, user, log)) {
            var tail = new LogTail(log);
            tail.await(STARTED, app, IMPORT_TIMEOUT);
            long importStarted = System.nanoTime();
            CpuAccounting.Snapshot atStart = cpu.snapshot();
            double contrailAtStart = app.cpuMillis().orElse(-1) / 1000.0;
            Matcher done = tail.await(DONE, app, IMPORT_TIMEOUT);
            long importDone = System.nanoTime();
            CpuAccounting.Snapshot atDone = cpu.snapshot();
            double contrailAtDone = app.cpuMillis().orElse(-1) / 1000.0;
            String report = done.group(1).trim();
            Matcher counts = REPORT.matcher(report);
            if (!counts.find()) {
                throw new IllegalStateException("Cannot read the import's report: " + report);
            }
            long rows = number(counts.group(1));
            long registered = number(counts.group(2));
            long failed = number(counts.group(3));
            Log.info("Batch size %d: %s", batchSize, report);
            var usage = CpuAccounting.between(atStart, atDone);
            var run = new Run(batchSize, report, rows, registered, failed, (importStarted - launched) / 1e9, (importDone - importStarted) / 1e9,
                    contrailAtDone - contrailAtStart, atDone.suiteSeconds() - atStart.suiteSeconds(),
                    atDone.machineBusySeconds() - atStart.machineBusySeconds(), usage.otherCores(), served(jdbcUrl, user));
            Log.info("Batch size %d: %,.0f rows/s; CPU s per 1,000 rows: Contrail %.2f, suite %.2f, machine %.2f; %,d airports served at the end",
                    batchSize, run.rowsPerSecond(), run.perThousand(run.contrailCpuSeconds()), run.perThousand(run.suiteCpuSeconds()),
                    run.perThousand(run.machineCpuSeconds()), run.servedAtDone());
            return run;
        }
    }

    /**
     * How many airports the {@code airport} read model serves: the published and projected part of the import. The
     * import does not wait for it (nor does the movement intake); the rest is projected after it.
     */
    private static long served(String jdbcUrl, String user) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, ""); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM airport")) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replaceAll("[^0-9]", ""));
    }

    private String markdown(Instant started, String machine, String appUnderTest, List<Run> runs) {
        var md = new StringBuilder();
        md.append("# Airport import: one transaction per airport against batches (ADR 0034)\n\n");
        md.append("- Date: ").append(started).append('\n');
        md.append("- Machine: ").append(machine).append('\n');
        md.append("- Contrail: ").append(appUnderTest).append(", capture off, the bundled OurAirports files, 4 import threads\n");
        loadAverages.forEach(l -> md.append("- Load average (1 / 5 / 15 min) ").append(l[0]).append(": ").append(l[1]).append('\n'));
        md.append("\n| batch size | rows | import wall s | rows/s | Contrail CPU s per 1,000 rows | suite CPU s per 1,000 rows | "
                + "machine CPU s per 1,000 rows | other processes, cores | Contrail's start to the import's start, s | airports served at the import's end |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %.1f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %,d |%n",
                    r.batchSize(), r.rows(), r.importSeconds(), r.rowsPerSecond(), r.perThousand(r.contrailCpuSeconds()),
                    r.perThousand(r.suiteCpuSeconds()), r.perThousand(r.machineCpuSeconds()), r.otherCores(), r.startupSeconds(),
                    r.servedAtDone()));
        }
        md.append("\nThe importer's own reports:\n\n");
        runs.forEach(r -> md.append("- batch size ").append(r.batchSize()).append(": ").append(r.report()).append('\n'));
        md.append("\n- *Import*: from Contrail's `Airport import: … importing` log line to its `Airport import done` line (polled every 50 ms), "
                + "which is what the movement intake waits for (ADR 0011). *Rows*: airport rows handled and rejected rows of both files.\n"
                + "- *CPU*: Contrail's process (`/proc`, user + system); the suite = this JVM (with the embedded Kafka broker, which receives the "
                + "published events), Contrail and the PostgreSQL server with its backends; the machine from `/proc/stat`; all over the import. "
                + "Contrail publishes the events to Kafka and projects them meanwhile: that work is in the CPU figures as far as it was done during "
                + "the import (*airports served at the import's end*: the `airport` read model's rows then); the rest follows after it.\n"
                + "- *Other processes*: the machine's busy cores during the import that were not the suite's: read the figures next to it.\n");
        return md.toString();
    }

    private void noteLoadAverage(String when) {
        String[] value = DashboardReport.loadAverage(when);
        loadAverages.add(value);
        Log.info("Load average (1, 5, 15 min) %s: %s", value[0], value[1]);
    }

    /** Reads Contrail's log as it grows, line by line. */
    private static final class LogTail {
        private final Path file;
        private long position;
        private final StringBuilder partial = new StringBuilder();

        LogTail(Path file) {
            this.file = file;
        }

        /** The first new line matching {@code pattern}. */
        Matcher await(Pattern pattern, ContrailProcess app, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (String line : newLines()) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                if (!app.isAlive()) {
                    throw new IllegalStateException("Contrail exited before its log said " + pattern + "; see " + file);
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("Contrail's log did not say " + pattern + " within " + timeout + "; see " + file);
        }

        private List<String> newLines() throws IOException {
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                return lines;
            }
            try (var in = new RandomAccessFile(file.toFile(), "r")) {
                if (in.length() <= position) {
                    return lines;
                }
                byte[] bytes = new byte[(int) (in.length() - position)];
                in.seek(position);
                in.readFully(bytes);
                position += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
            }
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
            return lines;
        }
    }
}
