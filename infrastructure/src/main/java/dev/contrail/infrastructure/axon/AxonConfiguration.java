package dev.contrail.infrastructure.axon;

import dev.contrail.domain.flighttracking.Aircraft;
import org.axonframework.config.ConfigurerModule;
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

    @Bean
    ConfigurerModule flightTrackingAggregates() {
        return configurer -> configurer.configureAggregate(Aircraft.class);
    }
}
