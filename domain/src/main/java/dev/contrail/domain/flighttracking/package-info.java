/**
 * Flight Tracking context: what each aircraft (known by its ICAO 24-bit address) is doing, turned from
 * surveillance observations into the facts of its flights.
 */
package dev.contrail.domain.flighttracking;
