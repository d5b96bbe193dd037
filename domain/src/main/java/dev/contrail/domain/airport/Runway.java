package dev.contrail.domain.airport;

/**
 * A runway of an airport: its low-numbered end ({@code lowEnd}, OurAirports' "le") and its high-numbered end
 * ({@code highEnd}, "he", absent for a one-way strip or a helipad), named together e.g. "12/30".
 */
public record Runway(RunwayEnd lowEnd, RunwayEnd highEnd, Double lengthM, Double widthM, String surface, boolean lighted,
                     boolean closed) {

    public Runway {
        if (lowEnd == null) {
            throw new IllegalArgumentException("a runway needs at least one end");
        }
    }

    /** e.g. "12/30", or "H1" for a one-ended pad. */
    public String name() {
        return highEnd == null ? lowEnd.designator() : lowEnd.designator() + "/" + highEnd.designator();
    }
}
