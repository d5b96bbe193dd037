/**
 * Airspace context: airspace volumes (FIRs, sectors) with floors and ceilings, who is inside them,
 * and capacity. Learns about flights only from Flight Tracking's published events (issue 5).
 */
package dev.contrail.domain.airspace;
