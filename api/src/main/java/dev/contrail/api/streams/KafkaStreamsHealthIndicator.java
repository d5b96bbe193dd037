package dev.contrail.api.streams;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code kafkaStreams}: every topology's state. Down when one has stopped or
 * failed, since its read model or its stream then stops moving while the rest of the service looks fine.
 */
@Component("kafkaStreams")
class KafkaStreamsHealthIndicator extends AbstractHealthIndicator {

    private final Map<String, StreamsBuilderFactoryBean> topologies;

    KafkaStreamsHealthIndicator(Map<String, StreamsBuilderFactoryBean> topologies) {
        this.topologies = topologies;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allUp = true;
        for (var topology : topologies.entrySet()) {
            KafkaStreams streams = topology.getValue().getKafkaStreams();
            KafkaStreams.State state = streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
            // A topology that starts on a signal rather than with the context (the airport intake waits for the
            // airport import, ADR 0012) is waiting, not down, until it has been started.
            boolean waiting = streams == null && !topology.getValue().isAutoStartup();
            // Spring names a FactoryBean "&name" when the factory itself is injected; operators know the bean as "name".
            health.withDetail(topology.getKey().replaceFirst("^&", ""), waiting ? "WAITING" : state.name());
            allUp &= waiting || state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
        }
        if (allUp) {
            health.up();
        } else {
            health.down();
        }
    }
}
