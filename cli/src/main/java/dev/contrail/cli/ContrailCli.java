package dev.contrail.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The operator's command line for a running Contrail (ADR 0010): what each projection is doing, replaying one with a
 * progress bar, cancelling a replay, republishing the events, listing and re-driving dead letters. It speaks the same GraphQL API as any other client.
 *
 * <pre>
 * ./mvnw -q -pl cli compile exec:java -Dexec.args="replay live-flights"
 * </pre>
 *
 * Exit codes: 0 done, 1 the operation ended badly (a rebuild failed or was cancelled; a re-drive skipped dead letters
 * it could not send back), 2 wrong usage, 3 Contrail
 * refused or could not be reached.
 */
@Command(name = "contrail", mixinStandardHelpOptions = true, version = "contrail-cli 0.1.0",
        description = "Operates a running Contrail: projections, replay, republish, dead letters.",
        subcommands = {ContrailCli.Projections.class, ContrailCli.Replay.class, ContrailCli.Cancel.class, ContrailCli.Republish.class,
                ContrailCli.DeadLetters.class, ContrailCli.Redrive.class})
public class ContrailCli {

    static final int FAILED = 1;
    static final int REFUSED = 3;

    @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = "${env:CONTRAIL_URL:-http://localhost:8080/graphql}",
            description = "Contrail's GraphQL endpoint (env CONTRAIL_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, defaultValue = "${env:CONTRAIL_ADMIN_USERNAME:-admin}",
            description = "Admin user name (env CONTRAIL_ADMIN_USERNAME; default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, defaultValue = "${env:CONTRAIL_ADMIN_PASSWORD}",
            description = "Admin password (env CONTRAIL_ADMIN_PASSWORD; the embedded demo's is contrail-demo).")
    String password;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line. Exit codes: 0 done; {@value #FAILED} the operation ran and failed (a replay that failed or was
     * cancelled); 2 a usage error (picocli's); {@value #REFUSED} Contrail refused it or could not be reached — with a
     * one-line message on standard error, never a stack trace.
     */
    public static CommandLine commandLine() {
        ContrailCli cli = new ContrailCli();
        return new CommandLine(cli).setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            String why;
            if (exception instanceof RestClientResponseException http) {
                why = "HTTP " + http.getStatusCode().value() + " " + http.getStatusText()
                        + (http.getStatusCode().value() == 401 ? ": check --user and --password" : "");
            } else if (exception instanceof ResourceAccessException unreachable) {
                // The I/O exception itself (ConnectException, UnknownHostException, HttpTimeoutException), not what it wraps.
                Throwable cause = unreachable.getCause() != null ? unreachable.getCause() : unreachable;
                why = "cannot reach Contrail at " + cli.url + " (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "): is it running? --url or CONTRAIL_URL";
            } else {
                why = exception.getMessage();
            }
            commandLine.getErr().println("contrail: " + why);
            return REFUSED;
        });
    }

    ContrailOperations operations() {
        return new ContrailOperations(url, user, password);
    }

    /** What every subcommand has: the connection options of {@code contrail}, and its output. */
    abstract static class OperatorCommand implements Callable<Integer> {
        @ParentCommand
        ContrailCli root;
        @Spec
        CommandSpec spec;

        ContrailOperations operations() {
            return root.operations();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "projections", description = "Shows every projection: state, serving and rebuilding generation, lag.")
    static final class Projections extends OperatorCommand {

        @Override
        public Integer call() {
            PrintWriter out = out();
            var projections = operations().projections();
            out.printf("%-16s %-10s %8s %12s %10s  %s%n", "PROJECTION", "STATE", "SERVING", "LAG", "REBUILDING", "LAST REPLAY");
            for (Map<String, Object> projection : projections) {
                Map<String, Object> serving = map(projection.get("serving"));
                Map<String, Object> rebuilding = map(projection.get("rebuilding"));
                Map<String, Object> last = map(projection.get("lastReplay"));
                out.printf("%-16s %-10s %8s %12s %10s  %s%n", projection.get("name"), projection.get("state"),
                        serving == null ? "-" : "g" + serving.get("generation"),
                        serving == null ? "-" : String.format("%,d", number(serving.get("lag"))),
                        rebuilding == null ? "-" : "g" + rebuilding.get("generation"),
                        last == null ? "-" : "g" + last.get("generation") + " " + last.get("state")
                                + (last.get("reason") == null ? "" : " (" + last.get("reason") + ")"));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "replay", description = "Rebuilds a projection without downtime and shows its progress until it takes over.")
    static final class Replay extends OperatorCommand {
        @Parameters(index = "0", description = "The projection, e.g. live-flights.")
        String name;
        @Option(names = "--detach", description = "Start the rebuild and return at once.")
        boolean detach;
        @Option(names = "--timeout", defaultValue = "PT2H", description = "How long to watch (ISO-8601 duration; default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() {
            PrintWriter out = out();
            ContrailOperations operations = operations();
            int generation = operations.replay(name);
            out.printf("Rebuilding %s as generation %d; the serving generation keeps answering queries.%n", name, generation);
            out.flush();
            if (detach) {
                return 0;
            }
            Map<String, Object> outcome;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(name + " g" + generation)
                    .setInitialMax(-1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" records", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(new WriterStream(out), true)))
                    .build()) {
                outcome = operations.progress(name)
                        .filter(report -> number(report.get("generation")) == generation)
                        .doOnNext(report -> {
                            bar.maxHint(number(report.get("eventsTotal")));
                            bar.stepTo(number(report.get("eventsDone")));
                            bar.setExtraMessage(" " + report.get("state"));
                        })
                        .blockLast(timeout);
            }
            if (outcome == null) {
                // The rebuild finished before the subscription started: its outcome is the projection's last replay.
                outcome = operations.projections().stream().filter(p -> name.equals(p.get("name")))
                        .map(p -> map(p.get("lastReplay"))).findFirst().orElse(null);
            }
            if (outcome == null || number(outcome.get("generation")) != generation) {
                out.printf("Generation %d: no outcome yet; see `contrail projections`.%n", generation);
                return FAILED;
            }
            String state = String.valueOf(outcome.get("state"));
            out.printf("Generation %d of %s: %s%s%n", generation, name, state,
                    "SERVING".equals(state) ? ", serving queries now" : " (" + outcome.get("reason") + "); the serving generation is untouched");
            return "SERVING".equals(state) ? 0 : FAILED;
        }
    }

    @Command(name = "cancel", description = "Cancels a projection's rebuild; the serving generation is untouched.")
    static final class Cancel extends OperatorCommand {
        @Parameters(index = "0", description = "The projection, e.g. live-flights.")
        String name;

        @Override
        public Integer call() {
            Map<String, Object> cancelled = operations().cancel(name);
            out().printf("Generation %s of %s: %s%n", cancelled.get("generation"), name, cancelled.get("state"));
            return 0;
        }
    }

    @Command(name = "republish", description = "Re-emits every domain event from the event store to Kafka.")
    static final class Republish extends OperatorCommand {

        @Override
        public Integer call() {
            Map<String, Object> republish = operations().republish();
            out().printf("Republishing %,d of the event store's %,d events (%s restarted from the first event)%n",
                    number(republish.get("published")), number(republish.get("events")), republish.get("processor"));
            return 0;
        }
    }

    @Command(name = "dead-letters", description = "Lists the dead letters with their reason, source topic and offset, and counts them.")
    static final class DeadLetters extends OperatorCommand {
        @Option(names = "--stage", description = "Only those this stage rejected, e.g. refinement.")
        String stage;
        @Option(names = "--topic", description = "Only those read from this topic, e.g. opensky.state-vectors.")
        String topic;
        @Option(names = "--first", defaultValue = "50", description = "How many to list (default ${DEFAULT-VALUE}, at most 1000).")
        int first;
        @Option(names = "--after", description = "List those after this cursor (partition:offset, the last one listed).")
        String after;

        @Override
        public Integer call() {
            PrintWriter out = out();
            Map<String, Object> page = operations().deadLetters(stage, topic, first, after);
            out.printf("%,d dead letters, %,d pending%n", number(page.get("total")), number(page.get("pending")));
            for (Object item : (java.util.List<?>) page.get("counts")) {
                Map<String, Object> count = map(item);
                out.printf("  %-20s %-30s %,8d total %,8d pending%n", count.get("stage"),
                        count.get("topic") == null ? "(no topic)" : count.get("topic"), number(count.get("total")), number(count.get("pending")));
            }
            out.printf("%-10s %-24s %-18s %-36s %-8s  %s%n", "CURSOR", "AT", "STAGE", "SOURCE", "PENDING", "REASON");
            for (Object item : (java.util.List<?>) page.get("letters")) {
                Map<String, Object> letter = map(item);
                String source = letter.get("topic") == null ? String.valueOf(letter.get("source"))
                        : letter.get("topic") + "-" + letter.get("sourcePartition") + "@" + number(letter.get("sourceOffset"));
                out.printf("%-10s %-24s %-18s %-36s %-8s  %s%n", letter.get("cursor"), letter.get("at"), letter.get("stage"), source,
                        Boolean.TRUE.equals(letter.get("pending")) ? "yes" : "no", letter.get("reason"));
            }
            if (Boolean.TRUE.equals(page.get("hasNextPage"))) {
                out.printf("More: --after %s%n", page.get("endCursor"));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "redrive", description = "Sends pending dead letters back to their topic, once their cause is fixed.")
    static final class Redrive extends OperatorCommand {
        @Option(names = "--stage", description = "Only those this stage rejected; the re-drive stops at the first other one.")
        String stage;
        @Option(names = "--topic", description = "Only those read from this topic; the re-drive stops at the first other one.")
        String topic;
        @Option(names = "--max", defaultValue = "1000", description = "At most this many (default ${DEFAULT-VALUE}).")
        int max;

        @Override
        public Integer call() {
            PrintWriter out = out();
            Map<String, Object> outcome = operations().redrive(stage, topic, max);
            out.printf("Re-drove %,d dead letters; skipped %,d without a source topic; %,d pending%n",
                    number(outcome.get("redriven")), number(outcome.get("skipped")), number(outcome.get("pending")));
            for (Object item : (java.util.List<?>) outcome.get("skippedLetters")) {
                Map<String, Object> letter = map(item);
                out.printf("  skipped %s (%s, from %s): %s%n", letter.get("cursor"), letter.get("stage"), letter.get("source"), letter.get("reason"));
            }
            out.flush();
            return number(outcome.get("skipped")) > 0 ? FAILED : 0;
        }
    }

    /** The progress bar prints to a stream; the command's output is a writer (so tests can read it). ASCII only. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter out;

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void flush() {
            out.flush();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
