package dev.contrail.readmodels.airport;

import java.util.List;

/** An airport as the airports read model serves it. */
public record AirportView(String ident, String type, String name, double latitude, double longitude, Double elevationM, String isoCountry,
                          String isoRegion, String municipality, boolean scheduledService, String icaoCode, String iataCode,
                          List<RunwayView> runways) {

    public record RunwayView(String name, Double lengthM, Double widthM, String surface, boolean lighted, boolean closed, RunwayEndView lowEnd,
                             RunwayEndView highEnd) {
    }

    public record RunwayEndView(String designator, Double latitude, Double longitude, Double elevationM, Double headingDeg) {
    }
}
