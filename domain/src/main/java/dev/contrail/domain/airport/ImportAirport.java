package dev.contrail.domain.airport;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tell the airport what the reference data now says of it; it registers, records a change, or does nothing. */
public record ImportAirport(@TargetAggregateIdentifier String ident, AirportDetails details) {

    public ImportAirport {
        Objects.requireNonNull(details, "details");
        if (!details.ident().equals(ident)) {
            throw new IllegalArgumentException("ident " + ident + " does not match the details' " + details.ident());
        }
    }

    public ImportAirport(AirportDetails details) {
        this(details.ident(), details);
    }
}
