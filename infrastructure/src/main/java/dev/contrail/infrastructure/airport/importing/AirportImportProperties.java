package dev.contrail.infrastructure.airport.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OurAirports import (ADR 0011).
 *
 * @param enabled          import when the application is ready, in the background
 * @param airportsLocation a Spring resource; {@code .gz} is gunzipped
 * @param runwaysLocation  a Spring resource; {@code .gz} is gunzipped
 * @param threads          batches in flight at once
 * @param batchSize        airports imported per unit of work and transaction (ADR 0034); 1 = one transaction per airport
 */
@ConfigurationProperties("contrail.airports.import")
public record AirportImportProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("classpath:ourairports/airports.csv.gz") String airportsLocation,
        @DefaultValue("classpath:ourairports/runways.csv.gz") String runwaysLocation,
        @DefaultValue("4") int threads,
        @DefaultValue("250") int batchSize) {

    public AirportImportProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("contrail.airports.import.threads must be at least 1, was " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("contrail.airports.import.batch-size must be at least 1, was " + batchSize);
        }
    }
}
