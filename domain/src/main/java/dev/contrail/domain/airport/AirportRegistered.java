package dev.contrail.domain.airport;

/** An airport became known to Contrail, with its reference data as first imported. */
public record AirportRegistered(String ident, AirportDetails details) {
}
