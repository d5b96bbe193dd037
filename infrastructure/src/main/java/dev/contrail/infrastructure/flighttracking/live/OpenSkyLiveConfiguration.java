package dev.contrail.infrastructure.flighttracking.live;

import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The live OpenSky feed, only when {@code contrail.opensky.live.enabled=true}: when it is off, nothing of it exists,
 * not even its properties, so a half-filled OpenSky configuration cannot stop a demo that does not use it.
 *
 * <p>It shares the raw topic's producer ({@code rawStateVectors}) and the dead-letter publisher with the capture
 * replay; the two can run side by side.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("contrail.opensky.live.enabled")
@EnableConfigurationProperties(OpenSkyLiveProperties.class)
public class OpenSkyLiveConfiguration {

    @Bean
    OpenSkyLiveFeed openSkyLiveFeed(OpenSkyLiveProperties properties,
                                    @Qualifier("rawStateVectors") KafkaTemplate<String, OpenSkyStateVector> rawStateVectors,
                                    DeadLetterPublisher deadLetters, MeterRegistry meters) {
        return new OpenSkyLiveFeed(properties, OpenSkyStatesClient.create(properties, Clock.systemUTC()),
                PollingPolicy.of(properties), rawStateVectors, deadLetters, meters);
    }
}
