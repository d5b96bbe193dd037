package dev.contrail.domain.airspace;

/**
 * The floor and ceiling of an airspace in metres above mean sea level; {@code null} is unbounded (the source gave
 * none: VAT-Spy's FIRs reach from the ground to space).
 */
public record VerticalLimits(Double floorM, Double ceilingM) {

    public static final VerticalLimits UNBOUNDED = new VerticalLimits(null, null);

    public VerticalLimits {
        if (floorM != null && ceilingM != null && !(floorM < ceilingM)) {
            throw new IllegalArgumentException("the floor (" + floorM + " m) must be below the ceiling (" + ceilingM + " m)");
        }
        if ((floorM != null && !Double.isFinite(floorM)) || (ceilingM != null && !Double.isFinite(ceilingM))) {
            throw new IllegalArgumentException("floor and ceiling must be finite numbers of metres");
        }
    }

    public boolean isUnbounded() {
        return floorM == null && ceilingM == null;
    }

    /**
     * Where an altitude lies against these limits, {@code margin} metres counting as neither in nor out. An unknown
     * altitude is inside unbounded limits and undecided against bounded ones.
     */
    public Containment containment(Double altitudeM, double marginM) {
        if (isUnbounded()) {
            return Containment.INSIDE;
        }
        if (altitudeM == null) {
            return Containment.UNDECIDED;
        }
        double a = altitudeM;
        if ((floorM != null && a < floorM - marginM) || (ceilingM != null && a > ceilingM + marginM)) {
            return Containment.OUTSIDE;
        }
        if ((floorM == null || a >= floorM + marginM) && (ceilingM == null || a <= ceilingM - marginM)) {
            return Containment.INSIDE;
        }
        return Containment.UNDECIDED;
    }
}
