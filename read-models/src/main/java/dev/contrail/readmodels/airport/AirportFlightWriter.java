package dev.contrail.readmodels.airport;

/**
 * Where the airport-flights projection writes. The two sources own disjoint columns, so the row is the same
 * whatever order they arrive in: movements own origin and destination, Flight Tracking's events the callsign.
 */
public interface AirportFlightWriter {

    /** The flight departed from ({@code DEPARTURE}) or arrived at ({@code ARRIVAL}) the movement's airport. */
    void movement(AirportMovementView movement);

    /** The flight's callsign as of the event at {@code sequence} of its aircraft; older sequences change nothing. */
    void callsign(String flightId, String icao24, String callsign, long sequence);
}
