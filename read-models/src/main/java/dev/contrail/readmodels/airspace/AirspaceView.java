package dev.contrail.readmodels.airspace;

import java.time.Instant;

/**
 * An airspace volume as the read side serves it. Floor and ceiling in metres above mean sea level, null when
 * unbounded; {@code boundaryGeoJson} is a GeoJSON MultiPolygon geometry; the box's west is east of its east when the
 * volume crosses the antimeridian.
 */
public record AirspaceView(String id, String name, String source, Double floorM, Double ceilingM, Integer capacity, boolean retired,
                           String boundaryGeoJson, Integer pointCount, Double south, Double west, Double north, Double east,
                           Instant definedAt, Instant changedAt) {
}
