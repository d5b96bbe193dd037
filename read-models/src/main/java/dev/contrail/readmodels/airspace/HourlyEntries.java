package dev.contrail.readmodels.airspace;

import java.time.Instant;

/** How many aircraft entered an airspace in the hour starting at {@code hour}. */
public record HourlyEntries(Instant hour, int entries) {
}
