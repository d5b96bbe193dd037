package dev.contrail.api.projections;

import dev.contrail.infrastructure.kafka.RetentionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read-model purge (ADR 0028). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionConfiguration {

    @Bean
    ReadModelRetention readModelRetention(JdbcTemplate jdbc, RetentionProperties retention, MeterRegistry meters) {
        return new ReadModelRetention(jdbc, retention, meters, Clock.systemUTC());
    }
}
