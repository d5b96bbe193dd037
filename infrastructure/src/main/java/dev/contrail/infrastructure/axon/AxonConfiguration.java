package dev.contrail.infrastructure.axon;

import dev.contrail.infrastructure.airport.publishing.AirportEventMapper;
import dev.contrail.infrastructure.airspace.publishing.AirspaceEventMapper;
import dev.contrail.infrastructure.flighttracking.publishing.FlightTrackingEventMapper;
import java.util.ArrayList;
import java.util.List;
import dev.contrail.domain.flighttracking.Aircraft;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through its JDBC storage engine (ADR 0003). Axon's {@code JdbcAutoConfiguration} builds
 * the engine and the token store from the schemas below; Flyway owns the tables
 * ({@code db/migration/V1_1__axon_event_store.sql}).
 *
 * <p>Aggregates are registered here rather than with Axon's Spring {@code @Aggregate} stereotype, so the
 * domain module stays free of Spring.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    static final String KAFKA_PUBLISHING_GROUP = "__axon-kafka-event-publishing-group";
    static final int SNAPSHOT_THRESHOLD = 100;
    /** Aircraft kept in memory between commands: more than the ~10,000 a global feed tracks at once. */
    static final int CACHED_AIRCRAFT = 20_000;

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The processor that publishes to Kafka reads the event store in batches of 100 (LIMITS.md: 15–40× the
     * throughput of the default batch of 1). Its name is the extension's default processing group.
     */
    @Bean
    ConfigurerModule kafkaPublishingProcessor() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KAFKA_PUBLISHING_GROUP, axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100));
    }

    /**
     * Axon's own message monitors as Micrometer meters in the registry {@code /actuator/prometheus} scrapes (ADR 0035),
     * dimensional: one meter name per kind of component, tagged {@code processorName} (and {@code payloadType}), e.g.
     * {@code eventProcessor_latency{processorName="__axon-kafka-event-publishing-group"}}, the milliseconds between an
     * event's creation and its publishing processor taking it up: the lag of the event store → Kafka hop. Registered
     * here rather than by Axon's {@code MicrometerMetricsAutoConfiguration} (excluded in application.yml), which orders
     * itself after Spring Boot 3's metrics auto-configuration by class names that Boot 4 changed, and then adds a
     * {@code SimpleMeterRegistry} of its own beside Boot's.
     */
    @Bean
    MetricsConfigurerModule axonMetrics(MeterRegistry meters) {
        return new MetricsConfigurerModule(new GlobalMetricRegistry(meters), true);
    }

    /**
     * An aircraft lives for years and applies an event for every phase change, squawk and sampled position: without
     * snapshots, loading one would replay its whole history. Every {@value #SNAPSHOT_THRESHOLD} events a snapshot
     * is taken, so a load reads at most that many events after the snapshot.
     */
    @Bean
    ConfigurerModule flightTrackingAggregates() {
        return eventSourcedWithSnapshots(Aircraft.class, "aircraft", SNAPSHOT_THRESHOLD, CACHED_AIRCRAFT);
    }

    /**
     * Registers an event-sourced aggregate with Axon, snapshotted every {@code threshold} events. Each bounded context
     * registers its aggregates through this, as a {@link ConfigurerModule} bean of its own infrastructure.
     *
     * <p>In the event store the aggregate's identifier is qualified by {@code identityType} ({@link TypeQualifiedEventStore},
     * ADR 0021): {@code airport:EIDW}, never a bare {@code EIDW} that a FIR could share. The identity type is part of the
     * stored data: it never changes (a Flyway migration would have to rewrite the store).
     *
     * <p>Each aggregate gets its own snapshotter: Axon's Spring snapshotter only knows aggregates declared with the
     * Spring {@code @Aggregate} stereotype, which the domain module does not use (it stays free of Spring).
     */
    public static <A> ConfigurerModule eventSourcedWithSnapshots(Class<A> aggregateType, String identityType, int threshold) {
        return configurer -> configurer.configureAggregate(typeQualified(AggregateConfigurer.defaultConfiguration(aggregateType),
                aggregateType, identityType, threshold, null));
    }

    /**
     * As {@link #eventSourcedWithSnapshots(Class, String, int)}, and up to {@code cached} aggregates stay in memory between
     * commands ({@link AggregateCache}, ADR 0020): for aggregates that handle a steady stream of commands, whose every
     * load would otherwise read and deserialize their events since the last snapshot.
     */
    public static <A> ConfigurerModule eventSourcedWithSnapshots(Class<A> aggregateType, String identityType, int threshold, long cached) {
        return configurer -> configurer.configureAggregate(typeQualified(AggregateConfigurer.defaultConfiguration(aggregateType),
                aggregateType, identityType, threshold, cached));
    }

    /**
     * The repository Axon would build by default (event sourcing, pessimistic locks), on the aggregate type's
     * {@link TypeQualifiedEventStore} view of the event store, with its snapshotter on the same view; commands find their
     * aggregate as Axon's default resolver finds it, through {@link CachedCommandTargetResolver}.
     */
    private static <A> AggregateConfigurer<A> typeQualified(AggregateConfigurer<A> aggregate, Class<A> aggregateType, String identityType,
                                                            int threshold, Long cached) {
        // Axon's annotation-driven target resolution, its reflection done once per command class (ADR 0042).
        aggregate.configureCommandTargetResolver(axon -> new CachedCommandTargetResolver());
        return aggregate.configureRepository(axon -> {
            EventStore store = new TypeQualifiedEventStore(axon.eventStore(), identityType);
            AggregateModel<A> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType, axon.parameterResolverFactory(),
                    axon.handlerDefinition(aggregateType));
            EventSourcingRepository.Builder<A> repository = EventSourcingRepository.builder(aggregateType)
                    .aggregateModel(model)
                    .aggregateFactory(new GenericAggregateFactory<>(model))
                    .eventStore(store)
                    .repositoryProvider(axon::repository)
                    .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(AggregateSnapshotter.builder()
                            .eventStore(store)
                            .aggregateFactories(new GenericAggregateFactory<>(aggregateType))
                            .transactionManager(axon.getComponent(TransactionManager.class, NoTransactionManager::instance))
                            .repositoryProvider(axon::repository)
                            .parameterResolverFactory(axon.parameterResolverFactory())
                            .handlerDefinition(axon.handlerDefinition(aggregateType))
                            .build(), threshold));
            if (cached != null) {
                repository.cache(new AggregateCache(cached));
            }
            return repository.build();
        });
    }

    /**
     * Axon's Jackson mapper (events, snapshots, tokens). Snapshots serialize the aggregate itself, whose state is
     * private fields without getters, so fields are visible to it; events are records and unaffected.
     */
    @Bean
    EventRepublisher eventRepublisher(EventProcessingConfiguration processing, TokenStore tokens, TransactionManager transactions,
                                      JdbcTemplate jdbc) {
        List<Class<?>> published = new ArrayList<>(FlightTrackingEventMapper.PUBLISHED);
        published.addAll(AirportEventMapper.PUBLISHED);
        published.addAll(AirspaceEventMapper.PUBLISHED);
        return new EventRepublisher(processing, tokens, transactions, jdbc, published);
    }

    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
