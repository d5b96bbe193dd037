package dev.contrail.domain.airspace;

import java.util.Objects;

/**
 * What an airspace is: its lateral boundary, its vertical limits and how many aircraft it takes at once.
 *
 * @param name     a readable name (the source's id when it has none)
 * @param source   where the definition came from, e.g. the file it was imported from: an import retires only the
 *                 volumes of its own source that it no longer finds
 * @param capacity the most aircraft the airspace takes at once; more raises a capacity alert
 */
public record AirspaceDefinition(String name, String source, Boundary boundary, VerticalLimits verticalLimits, int capacity) {

    public AirspaceDefinition {
        Objects.requireNonNull(boundary, "boundary");
        verticalLimits = verticalLimits == null ? VerticalLimits.UNBOUNDED : verticalLimits;
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
        }
    }
}
