package dev.contrail.domain.airspace;

/**
 * Where a position lies relative to an airspace, with a margin around the boundary (ADR 0014): clearly inside,
 * clearly outside, or within the margin of the boundary (or with too little information) — then the aircraft keeps
 * whatever it was, which is what makes entries and exits robust to jitter at the boundary.
 */
public enum Containment {
    INSIDE, OUTSIDE, UNDECIDED;

    /** Lateral and vertical together: out if either is out, in if both are in, undecided otherwise. */
    public Containment and(Containment other) {
        if (this == OUTSIDE || other == OUTSIDE) {
            return OUTSIDE;
        }
        return this == INSIDE && other == INSIDE ? INSIDE : UNDECIDED;
    }
}
