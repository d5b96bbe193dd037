package dev.contrail.domain.airport;

/**
 * One end of a runway, named by its designator (e.g. "30"): where its threshold is and which way an aircraft
 * taking off or landing from this end points (true heading). Any of the numbers may be unknown.
 */
public record RunwayEnd(String designator, Double latitude, Double longitude, Double elevationM, Double headingDeg) {

    public RunwayEnd {
        if (designator == null || designator.isBlank()) {
            throw new IllegalArgumentException("a runway end needs a designator");
        }
        if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("runway end latitude must be within [-90, 90], was " + latitude);
        }
        if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("runway end longitude must be within [-180, 180], was " + longitude);
        }
        if (headingDeg != null && !(headingDeg >= 0 && headingDeg <= 360)) {
            throw new IllegalArgumentException("runway heading must be within [0, 360], was " + headingDeg);
        }
    }

    /** Whether the threshold's position is known. */
    public boolean located() {
        return latitude != null && longitude != null;
    }
}
