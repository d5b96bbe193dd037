package dev.contrail.api.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class KafkaStreamsHealthIndicatorTest {

    @Test
    void aTopologyThatWaitsForItsSignalIsNotDownButOneThatShouldRunIs() {
        StreamsBuilderFactoryBean waiting = factory();
        waiting.setAutoStartup(false);
        StreamsBuilderFactoryBean notRunning = factory();

        Health waitingOnly = new KafkaStreamsHealthIndicator(Map.of("&airportIntakeStreams", waiting)).health(true);
        Health both = new KafkaStreamsHealthIndicator(Map.of("&airportIntakeStreams", waiting, "&refinementStreams", notRunning)).health(true);

        assertThat(waitingOnly.getStatus()).isEqualTo(Status.UP);
        assertThat(waitingOnly.getDetails()).containsEntry("airportIntakeStreams", "WAITING");
        assertThat(both.getStatus()).isEqualTo(Status.DOWN);
        assertThat(both.getDetails()).containsEntry("refinementStreams", "NOT_RUNNING");
    }

    private static StreamsBuilderFactoryBean factory() {
        return new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")));
    }
}
