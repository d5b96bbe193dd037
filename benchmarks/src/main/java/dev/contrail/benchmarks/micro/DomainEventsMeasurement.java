package dev.contrail.benchmarks.micro;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.demo.EmbeddedServices;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.infrastructure.axon.AxonConfiguration;
import dev.contrail.infrastructure.flighttracking.intake.IntakeConfiguration;
import dev.contrail.infrastructure.flighttracking.intake.IntakeTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration;
import org.axonframework.springboot.autoconfig.InterceptorAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.InfraConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Domain events per second through the Flight Tracking aggregates, Axon's textbook way against Contrail's (issue 14,
 * ADR 0020), in-process, on the embedded PostgreSQL:
 *
 * <ul>
 *   <li>{@code (a) plain sendAndWait loop}: {@code commandGateway.sendAndWait(command)} one command at a time, each its
 *       own unit of work and transaction;</li>
 *   <li>{@code (b) intake batches}: what the intake does (ADR 0020), batches of {@link IntakeTopology#BATCH} commands in
 *       stream order, each sent through {@link ObservationIntake#together} as one unit of work in one transaction.</li>
 * </ul>
 * Both run on production's Axon set-up, built by Spring Boot from production's own configuration classes:
 * {@link AxonConfiguration} (event schema, Jackson mapper, the Aircraft aggregate with its type-qualified event store
 * view, snapshot trigger and aggregate cache, Axon's Micrometer monitors) and {@link IntakeConfiguration} (the
 * {@link ObservationIntake} on Axon's Spring transaction manager), with Axon's Spring Boot auto-configuration (JDBC
 * storage engine on a Hikari {@code DataSource}, Jackson serializer) and Flyway's migrations, under application.yml's
 * Axon settings ({@code axon.serializer.*: jackson}, {@code axon.timeout.enabled: false}). Not started: Kafka and the
 * Kafka publishing processor (a reader of the event store that both cases would feed alike), Kafka Streams, the web.
 *
 * <p>Traffic: {@link DomainEventTraffic}, the same commands for both cases, every one applying exactly one event. Each
 * case (an unmeasured warm-up pass first) gets a fresh Spring context (an empty aggregate cache) on emptied event store
 * tables. Reports domain events stored per second (rows added to {@code domain_event_entry}), commands per second,
 * the CPU of this JVM (all threads) and of the PostgreSQL server (postmaster and all its processes, {@code /proc}, 10 ms
 * ticks) per 1,000 events.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.contrail.benchmarks.micro.DomainEventsMeasurement [seconds per case] [aircraft]}.
 */
public final class DomainEventsMeasurement {

    static final String PLAIN = "(a) plain `sendAndWait` loop";
    static final String BATCHED = "(b) intake batches (ADR 0020)";
    private static final long SEED = 20261207L;
    private static final int DEFAULT_AIRCRAFT = 2_000;

    private DomainEventsMeasurement() {
    }

    /**
     * Production's Axon: its configuration classes, and the auto-configurations Contrail runs on for the event store
     * (application.yml's exclusions left out rather than excluded).
     */
    @Configuration(proxyBeanMethods = false)
    @Import({AxonConfiguration.class, IntakeConfiguration.class})
    @ImportAutoConfiguration({
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            AxonAutoConfiguration.class,
            AxonTimeoutAutoConfiguration.class,
            AxonTracingAutoConfiguration.class,
            InterceptorAutoConfiguration.class,
            EventProcessingAutoConfiguration.class,
            InfraConfiguration.class,
            JdbcAutoConfiguration.class,
            ObjectMapperAutoConfiguration.class,
            org.axonframework.springboot.autoconfig.TransactionAutoConfiguration.class})
    static class ProductionAxon {

        /**
         * The command side's transactions, Axon's units of work among them, as production declares them (the api module's
         * QueryDatabaseConfiguration.transactionManager): a plain JDBC one on {@code spring.datasource}. Declared by the
         * application, it exists before Axon's TransactionAutoConfiguration looks for it (that one orders itself after Boot
         * 3's names of the JDBC auto-configurations, which Boot 4 changed).
         */
        @Bean
        PlatformTransactionManager transactionManager(DataSource commandSide) {
            return new JdbcTransactionManager(commandSide);
        }

        /** Axon's monitors (AxonConfiguration.axonMetrics) in a registry of their own; production's is Prometheus'. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int aircraft = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_AIRCRAFT;
        Path data = Files.createTempDirectory("domain-events-measurement");
        String url = EmbeddedServices.postgresJdbcUrl(data);
        // Reports of the last day: within refinement's 7 days (ADR 0024), never ahead of the clock.
        Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        try {
            System.out.printf("cores %d, %s %s, %,d aircraft, intake batches of %d%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), aircraft, IntakeTopology.BATCH);
            DomainEventFigures plain = null;
            DomainEventFigures batched = null;
            for (boolean report : new boolean[] {false, true}) {
                // One unmeasured pass per case warms the JIT; the second is reported.
                double time = report ? seconds : Math.max(1, seconds / 2);
                plain = run(PLAIN, url, aircraft, start, time);
                batched = run(BATCHED, url, aircraft, start, time);
            }
            System.out.print(DomainEventFigures.table(plain, batched));
        } finally {
            EmbeddedServices.stop();
        }
    }

    private static DomainEventFigures run(String name, String url, int aircraft, Instant start, double seconds) throws IOException {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProductionAxon.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(properties(url))
                .run()) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute("TRUNCATE domain_event_entry, snapshot_event_entry, token_entry");
            CommandGateway commands = context.getBean(CommandGateway.class);
            ObservationIntake intake = context.getBean(ObservationIntake.class);
            var traffic = new DomainEventTraffic(aircraft, SEED, start);
            var server = new PostgresCpu(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class));
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long clientStart = os.getProcessCpuTime();
            long serverStart = server.ticks();
            long begin = System.nanoTime();
            long end = begin + (long) (seconds * 1e9);
            if (name.equals(PLAIN)) {
                while (System.nanoTime() < end) {
                    commands.sendAndWait(traffic.next());
                }
            } else {
                while (System.nanoTime() < end) {
                    List<Object> batch = traffic.next(IntakeTopology.BATCH);
                    intake.together("intake batch of " + batch.size(), () -> batch.forEach(command -> send(intake, command)));
                }
            }
            double wall = (System.nanoTime() - begin) / 1e9;
            double clientMs = (os.getProcessCpuTime() - clientStart) / 1e6;
            double serverMs = (server.ticks() - serverStart) * 10.0;
            long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            return new DomainEventFigures(name, events, traffic.commands(), wall, clientMs, serverMs);
        }
    }

    /** As the intake's staged commands call it. */
    private static void send(ObservationIntake intake, Object command) {
        if (command instanceof RecordObservation observation) {
            intake.record(observation.observation(), observation.recentTrack());
        } else if (command instanceof DeclareFlightLost lost) {
            intake.declareLost(Icao24.of(lost.icao24()), lost.lastContactAt(), lost.now());
        } else {
            throw new IllegalArgumentException("not an intake command: " + command);
        }
    }

    /** application.yml's settings that concern the event store and Axon, on the embedded PostgreSQL. */
    private static Map<String, Object> properties(String url) {
        return Map.ofEntries(
                Map.entry("spring.datasource.url", url),
                Map.entry("spring.datasource.username", EmbeddedServices.postgresUser()),
                Map.entry("spring.datasource.password", ""),
                Map.entry("spring.flyway.locations", "classpath:db/migration"),
                Map.entry("axon.update-check.disabled", true),
                Map.entry("axon.timeout.enabled", false),
                Map.entry("axon.axonserver.enabled", false),
                Map.entry("axon.serializer.general", "jackson"),
                Map.entry("axon.serializer.events", "jackson"),
                Map.entry("axon.serializer.messages", "jackson"),
                // The demo module's post-processor would start embedded services of its own: this run has its PostgreSQL.
                Map.entry("contrail.embedded.enabled", false),
                Map.entry("logging.level.root", "WARN"));
    }

    /**
     * CPU of one PostgreSQL server, in clock ticks (USER_HZ, 100 per second on Linux): the postmaster's own and its
     * reaped children's ({@code /proc/<pid>/stat} utime, stime, cutime, cstime), plus its living children's (backends,
     * WAL writer, checkpointer, autovacuum). A backend that ends moves from the second sum to the first.
     */
    static final class PostgresCpu {
        private final long postmaster;

        PostgresCpu(int backend) throws IOException {
            this.postmaster = Long.parseLong(ProcStat.fields(backend)[1]);
        }

        long ticks() throws IOException {
            String[] own = ProcStat.fields(postmaster);
            long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
            for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
                try {
                    String[] fields = ProcStat.fields(child.pid());
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException gone) {
                    // Ended since it was listed: its CPU is in the postmaster's cutime/cstime once reaped.
                }
            }
            return ticks;
        }
    }
}
