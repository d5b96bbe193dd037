package dev.contrail.infrastructure.flighttracking.publishing;

import dev.contrail.infrastructure.publishing.PublishedEvents;
import dev.contrail.schemas.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Flight Tracking's published language: its integration events on {@value Topics#FLIGHT_TRACKING_EVENTS} (ADR 0004). */
@Configuration(proxyBeanMethods = false)
public class FlightTrackingPublishingConfiguration {

    @Bean
    PublishedEvents flightTrackingPublishedEvents() {
        return new PublishedEvents(Topics.FLIGHT_TRACKING_EVENTS, FlightTrackingEventMapper::isPublished,
                new FlightTrackingKafkaMessageConverter());
    }
}
