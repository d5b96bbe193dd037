package dev.contrail.readmodels.flighttracking;

/**
 * Which aircraft a {@code flights} query wants. Every criterion is optional (null: any); they all have to hold.
 *
 * @param within         the area the aircraft is in
 * @param minAltitudeM   lowest barometric altitude, metres; an aircraft without one does not match a bound
 * @param maxAltitudeM   highest barometric altitude, metres
 * @param onGround       on the ground, or airborne
 * @param originCountry  the country its transponder address is registered to, any case
 * @param callsignPrefix the start of its callsign, any case
 * @param includeLost    whether aircraft whose flight was lost are included (they are not by default)
 */
public record LiveFlightFilter(
        BoundingBox within,
        Double minAltitudeM,
        Double maxAltitudeM,
        Boolean onGround,
        String originCountry,
        String callsignPrefix,
        boolean includeLost) {

    /** Every aircraft with a position that is not lost. */
    public static final LiveFlightFilter ANY = new LiveFlightFilter(null, null, null, null, null, null, false);

    public static LiveFlightFilter within(BoundingBox box) {
        return new LiveFlightFilter(box, null, null, null, null, null, false);
    }
}
