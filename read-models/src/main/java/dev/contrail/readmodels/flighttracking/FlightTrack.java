package dev.contrail.readmodels.flighttracking;

import java.time.Instant;
import java.util.List;

/**
 * The path one aircraft flew in the window [from, to), oldest point first.
 *
 * @param truncated the window held more points than were asked for: these are the earliest, and the rest follow
 *                  the last one
 */
public record FlightTrack(String icao24, Instant from, Instant to, List<TrackPoint> points, boolean truncated) {
}
