/**
 * Airport context: airports and runways as reference data, and the departures and arrivals at them.
 * Learns about flights only from Flight Tracking's published events (issue 4).
 */
package dev.contrail.domain.airport;
