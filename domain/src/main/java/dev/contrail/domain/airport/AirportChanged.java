package dev.contrail.domain.airport;

import java.util.List;

/**
 * The reference data of a known airport changed: {@code details} is what it says now, {@code changedFields} names
 * what differs from before (e.g. "name", "runways").
 */
public record AirportChanged(String ident, AirportDetails details, List<String> changedFields) {

    public AirportChanged {
        changedFields = List.copyOf(changedFields);
    }
}
