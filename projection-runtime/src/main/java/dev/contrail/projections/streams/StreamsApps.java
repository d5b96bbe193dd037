package dev.contrail.projections.streams;

import dev.contrail.schemas.kafka.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds each of Contrail's Kafka Streams topologies as its own KafkaStreams instance with its own application.id
 * (ADR 0005), so that one can be reset or rebuilt without touching the others. The topologies are pure functions
 * owned by their modules; this is the one place that turns them into running instances, all configured alike.
 *
 * <p>What is Contrail's and not the runtime's — the broker's address and the client settings, the dead-letter handlers
 * of each application (ADR 0025) — comes in through the constructor; the API module assembles it.
 */
public class StreamsApps {

    private static final Logger log = LoggerFactory.getLogger(StreamsApps.class);

    private final Map<String, Object> streamsProperties;
    private final ApplicationIds ids;
    private final MeterRegistry meters;
    private final Function<String, Map<String, Object>> perApplication;

    /**
     * @param streamsProperties every application's Kafka Streams configuration (Spring Boot's {@code spring.kafka.streams})
     * @param ids               how applications are named
     * @param perApplication    further properties of the application with the given application.id (its dead letters)
     */
    public StreamsApps(Map<String, Object> streamsProperties, ApplicationIds ids, MeterRegistry meters,
                       Function<String, Map<String, Object>> perApplication) {
        this.streamsProperties = Map.copyOf(streamsProperties);
        this.ids = ids;
        this.meters = meters;
        this.perApplication = perApplication;
    }

    /** A topology running as the application {@code contrail-<consumer>} (with the configured prefix). */
    public StreamsBuilderFactoryBean app(String consumer, Consumer<StreamsBuilder> topology) {
        return app(consumer, new FlushBeforeCommit(), topology);
    }

    /**
     * A topology running as the application {@code contrail-<consumer>}, whose consumer runs every flush registered
     * with {@code gate} before it commits offsets (ADR 0020): for topologies that batch their writes.
     */
    public StreamsBuilderFactoryBean app(String consumer, FlushBeforeCommit gate, Consumer<StreamsBuilder> topology) {
        return create(ids.of(consumer), gate, topology);
    }

    /**
     * A topology as a plain, unstarted KafkaStreams instance with the same configuration as every other: for the
     * projection generations, whose instances come and go while the application runs (ADR 0010).
     */
    public KafkaStreams streams(String applicationId, FlushBeforeCommit gate, Consumer<StreamsBuilder> topology) {
        Properties properties = new Properties();
        properties.putAll(properties(applicationId));
        var builder = new StreamsBuilder();
        topology.accept(builder);
        return new KafkaStreams(builder.build(properties), properties, flushingBeforeCommit(gate));
    }

    /** The application.id of one of Contrail's Kafka Streams applications, e.g. {@code contrail-refinement}. */
    public String applicationId(String consumer) {
        return ids.of(consumer);
    }

    /** How the applications are named. */
    public ApplicationIds ids() {
        return ids;
    }

    private StreamsBuilderFactoryBean create(String applicationId, FlushBeforeCommit gate, Consumer<StreamsBuilder> topology) {
        var factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(properties(applicationId)));
        factory.setClientSupplier(flushingBeforeCommit(gate));
        factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureBuilder(StreamsBuilder builder) {
                topology.accept(builder);
            }
        });
        factory.addListener(new MetricsListener(meters, applicationId));
        // A transient failure (the database away) replaces the stream thread, which goes on from the last committed
        // offsets once it is back; anything else stops the application, as before (ADR 0025).
        factory.setStreamsUncaughtExceptionHandler(exception -> {
            if (TransientFailures.isTransient(exception)) {
                log.warn("{}: a stream thread failed transiently; replacing it: {}", applicationId, exception.getMessage());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            log.error("{}: a stream thread failed; stopping the application", applicationId, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return factory;
    }

    /**
     * The tags of every Kafka Streams application's Kafka client meters ({@code kafka_consumer_*}, {@code kafka_stream_*}):
     * {@code application} (its application.id, which is also its consumer group) and, for a projection's generation,
     * {@code projection} and {@code generation} (empty for the other applications). Prometheus takes a meter name with
     * one set of tag keys only: with two sets (Spring's {@code spring.id} here, the projections' tags there), the
     * meters registered second were dropped, and the refinement and intake applications had no consumer metrics.
     */
    public static Tags metricTags(String applicationId, String projection, String generation) {
        return Tags.of("application", applicationId, "projection", projection, "generation", generation);
    }

    /** Binds an application's client meters while it runs, tagged by {@link #metricTags}. */
    private static final class MetricsListener implements StreamsBuilderFactoryBean.Listener {

        private final MeterRegistry meters;
        private final String applicationId;
        private final Map<String, KafkaStreamsMetrics> bound = new ConcurrentHashMap<>();

        MetricsListener(MeterRegistry meters, String applicationId) {
            this.meters = meters;
            this.applicationId = applicationId;
        }

        @Override
        public void streamsAdded(String id, KafkaStreams streams) {
            var metrics = new KafkaStreamsMetrics(streams, metricTags(applicationId, "", ""));
            metrics.bindTo(meters);
            KafkaStreamsMetrics previous = bound.put(id, metrics);
            if (previous != null) {
                previous.close();
            }
        }

        @Override
        public void streamsRemoved(String id, KafkaStreams streams) {
            KafkaStreamsMetrics metrics = bound.remove(id);
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    /** Kafka's own clients, but the main consumer (the one that commits offsets) flushes {@code gate} first. */
    private static KafkaClientSupplier flushingBeforeCommit(FlushBeforeCommit gate) {
        return new KafkaClientSupplier() {
            @Override
            public Admin getAdmin(Map<String, Object> config) {
                return Admin.create(config);
            }

            @Override
            public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
                return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            }

            @Override
            public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
                return gate.guard(bytesConsumer(config));
            }

            @Override
            public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
                return bytesConsumer(config);
            }

            @Override
            public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
                return bytesConsumer(config);
            }
        };
    }

    private static KafkaConsumer<byte[], byte[]> bytesConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The configuration of the application {@code applicationId}: the shared one, Contrail's defaults, its own. */
    Map<String, Object> properties(String applicationId) {
        var properties = new HashMap<>(streamsProperties);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        // Unless configured, a private state directory: two instances in one JVM (tests) must not share RocksDB locks.
        properties.computeIfAbsent(StreamsConfig.STATE_DIR_CONFIG, key -> temporaryDirectory(applicationId));
        // Offsets committed often: a restart redoes little work (every projection is idempotent either way).
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // Kafka Streams lets its producers wait up to 100 ms to fill a batch; on the live path (raw topic → refinement →
        // observations → live map) that would add 100 ms per hop to what subscribers see. 5 ms still batches under load.
        // spring.kafka.streams.properties.producer.linger.ms overrides it.
        properties.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        properties.putAll(perApplication.apply(applicationId));
        return properties;
    }

    private static String temporaryDirectory(String applicationId) {
        try {
            return Files.createTempDirectory("kafka-streams-" + applicationId + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
