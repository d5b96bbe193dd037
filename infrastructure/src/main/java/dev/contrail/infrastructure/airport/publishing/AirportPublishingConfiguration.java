package dev.contrail.infrastructure.airport.publishing;

import dev.contrail.infrastructure.publishing.PublishedEvents;
import dev.contrail.schemas.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Airport context's published language: its integration events on {@value Topics#AIRPORT_EVENTS} (ADR 0015). */
@Configuration(proxyBeanMethods = false)
public class AirportPublishingConfiguration {

    @Bean
    PublishedEvents airportPublishedEvents() {
        return new PublishedEvents(Topics.AIRPORT_EVENTS, AirportEventMapper::isPublished, new AirportKafkaMessageConverter());
    }
}
