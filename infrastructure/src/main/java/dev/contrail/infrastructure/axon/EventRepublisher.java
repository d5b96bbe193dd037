package dev.contrail.infrastructure.axon;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Re-emits every domain event from the event store to Kafka (ADR 0010), for a topic that was lost or recreated: the
 * processor that publishes to Kafka is stopped, its token set back to the start of the event store, and started
 * again. The axon-kafka-extension's publisher does not support Axon's reset (it has no state to reset), so the token
 * is rewritten directly. Consumers apply events idempotently by their per-aggregate sequence (ADR 0009), so one that
 * already had an event is unchanged by receiving it again.
 */
public class EventRepublisher {

    private static final Logger log = LoggerFactory.getLogger(EventRepublisher.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final Set<String> publishedPayloadTypes;

    /** @param published the domain event classes that go to Kafka; the others stay in the event store */
    public EventRepublisher(EventProcessingConfiguration processing, TokenStore tokens, TransactionManager transactions, JdbcTemplate jdbc,
                            Collection<Class<?>> published) {
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.publishedPayloadTypes = published.stream().map(Class::getName).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What a republish does: the processor restarted from the beginning; the events it reads again from the event
     * store, and how many of them it publishes (the others, e.g. a touchdown not yet confirmed, are never published).
     */
    public record Republish(String processor, long events, long published) {
    }

    public synchronized Republish republish() {
        String name = AxonConfiguration.KAFKA_PUBLISHING_GROUP;
        TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No tracking processor " + name + " publishes events to Kafka"));
        long events = 0;
        long published = 0;
        for (Map<String, Object> row : jdbc.queryForList("SELECT payload_type, count(*) AS n FROM domain_event_entry GROUP BY payload_type")) {
            long n = ((Number) row.get("n")).longValue();
            events += n;
            if (publishedPayloadTypes.contains((String) row.get("payload_type"))) {
                published += n;
            }
        }
        processor.shutDown();
        transactions.executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(name)) {
                // A null token is the beginning of the event store.
                tokens.storeToken(null, name, segment);
                tokens.releaseClaim(name, segment);
            }
        });
        processor.start();
        log.info("Republishing {} of the event store's {} events to Kafka ({} restarted from the first event)", published, events, name);
        return new Republish(name, events, published);
    }
}
