package dev.contrail.domain.airport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reference data of one airport as a source (OurAirports) describes it: identity, kind, where it is and
 * how high, and its runways. A value: two are equal when every field is, which is what tells a re-import that
 * nothing changed.
 *
 * @param ident      the airport's identifier in the source, e.g. "KIAD" (ICAO code where it has one)
 * @param elevationM field elevation in metres, if known
 */
public record AirportDetails(String ident, AirportType type, String name, double latitude, double longitude, Double elevationM,
                             String isoCountry, String isoRegion, String municipality, boolean scheduledService,
                             String icaoCode, String iataCode, List<Runway> runways) {

    public AirportDetails {
        if (ident == null || ident.isBlank()) {
            throw new IllegalArgumentException("an airport needs an ident");
        }
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("airport " + ident + " needs a name");
        }
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], was " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], was " + longitude);
        }
        runways = runways == null ? List.of() : List.copyOf(runways);
    }

    /** The names of the fields in which {@code next} differs from this, in declaration order; empty when equal. */
    public List<String> differencesTo(AirportDetails next) {
        List<String> changed = new ArrayList<>();
        compare(changed, "type", type, next.type);
        compare(changed, "name", name, next.name);
        compare(changed, "latitude", latitude, next.latitude);
        compare(changed, "longitude", longitude, next.longitude);
        compare(changed, "elevationM", elevationM, next.elevationM);
        compare(changed, "isoCountry", isoCountry, next.isoCountry);
        compare(changed, "isoRegion", isoRegion, next.isoRegion);
        compare(changed, "municipality", municipality, next.municipality);
        compare(changed, "scheduledService", scheduledService, next.scheduledService);
        compare(changed, "icaoCode", icaoCode, next.icaoCode);
        compare(changed, "iataCode", iataCode, next.iataCode);
        compare(changed, "runways", runways, next.runways);
        return changed;
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
