package dev.contrail.benchmarks.traffic;

/**
 * An airport the load generator flies between.
 *
 * @param ident      OurAirports' identifier (usually the ICAO code, e.g. {@code KIAD})
 * @param large      {@code large_airport} in OurAirports; the rest are {@code medium_airport}
 * @param latitude   degrees
 * @param longitude  degrees
 * @param elevationM metres above mean sea level (0 where OurAirports has none)
 */
public record Airport(String ident, boolean large, double latitude, double longitude, double elevationM) {
}
