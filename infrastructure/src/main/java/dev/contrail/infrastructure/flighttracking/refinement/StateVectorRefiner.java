package dev.contrail.infrastructure.flighttracking.refinement;

import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns one raw OpenSky state vector into a clean observation, or says why it cannot be one. The rules for
 * what a valid icao24 or position is are the domain's ({@link Icao24}, {@link Position}); this class applies
 * them at the edge so that the domain only ever sees clean data.
 *
 * <p>Every field of OpenSky's state vector is checked against its real range (ADR 0024). What no aircraft and no
 * receiver can report — an altitude of 1e308 m, a negative speed, a track of 720°, a NUL in a callsign, a contact
 * two hours from now — is {@link Rejected} with the reason, for the dead-letter topic. What is only untidy is
 * normalised: callsigns trimmed and upper-cased, blanks to null, a track of 360° to 0°, a squawk that is not four
 * octal digits dropped.
 */
public final class StateVectorRefiner {

    /** Below the lowest airfield (Bar Yehuda, −378 m) and the lowest altitude Mode S can encode (−1,200 ft), with margin. */
    public static final double MIN_ALTITUDE_M = -1_000;
    /** Above the highest altitude Mode S can encode (126,700 ft = 38,618 m) and any transponder-equipped balloon. */
    public static final double MAX_ALTITUDE_M = 40_000;
    /** Above anything that ever carried a transponder (SR-71: 980 m/s), below ADS-B's supersonic maximum (4,092 kt). */
    public static final double MAX_GROUND_SPEED_MPS = 1_200;
    /** ADS-B encodes vertical rates up to ±32,608 ft/min (±166 m/s). */
    public static final double MAX_VERTICAL_RATE_MPS = 200;
    /** Clocks disagree by a few seconds; Kafka refuses record timestamps an hour ahead of the broker's. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(60);
    /** No feed Contrail reads holds older state: OpenSky serves the last hour, a capture is dated to end when replayed. */
    public static final Duration MAX_AGE = Duration.ofDays(7);
    /** An ICAO callsign: at most 8 of A–Z, 0–9 (ADS-B's identification character set, with space). */
    public static final int MAX_CALLSIGN_LENGTH = 8;
    /** The read models' column, and longer than any country's name. */
    public static final int MAX_ORIGIN_COUNTRY_LENGTH = 64;
    /** OpenSky's position sources: 0 ADS-B, 1 ASTERIX, 2 MLAT, 3 FLARM. */
    public static final int MAX_POSITION_SOURCE = 3;
    /** OpenSky's aircraft categories: 0 no information … 20 line obstacle. */
    public static final int MAX_CATEGORY = 20;

    private static final Pattern SQUAWK = Pattern.compile("[0-7]{4}");
    private static final Pattern CALLSIGN = Pattern.compile("[A-Z0-9 ]+");

    /** What refinement made of a raw state vector. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(AircraftObservation observation) implements Outcome {
    }

    public record Rejected(String reason) implements Outcome {
    }

    /** A field that is not within its real range, with why. */
    private static final class Impossible extends RuntimeException {
        Impossible(String reason) {
            super(reason, null, false, false);
        }
    }

    private StateVectorRefiner() {
    }

    /**
     * @param now the server's clock when the vector was received: a vector dated more than {@link #FUTURE_TOLERANCE}
     *            after it, or more than {@link #MAX_AGE} before it, is rejected
     */
    public static Outcome refine(OpenSkyStateVector raw, Instant now) {
        try {
            return new Accepted(observation(raw, now));
        } catch (Impossible e) {
            return new Rejected(e.getMessage());
        }
    }

    private static AircraftObservation observation(OpenSkyStateVector raw, Instant now) {
        Icao24 icao24;
        try {
            icao24 = Icao24.of(raw.getIcao24());
        } catch (IllegalArgumentException e) {
            throw new Impossible(e.getMessage());
        }
        if (raw.getLastContact() == null) {
            throw new Impossible("last_contact is missing");
        }
        Instant lastContact = time("last_contact", raw.getLastContact(), now);
        Instant timePosition = raw.getTimePosition() == null ? null : time("time_position", raw.getTimePosition(), now);
        if (raw.getOnGround() == null) {
            throw new Impossible("on_ground is missing");
        }
        if ((raw.getLatitude() == null) != (raw.getLongitude() == null)) {
            throw new Impossible("position is incomplete: latitude " + raw.getLatitude() + ", longitude " + raw.getLongitude());
        }
        Double baroAltitude = within("baro_altitude", raw.getBaroAltitude(), MIN_ALTITUDE_M, MAX_ALTITUDE_M, "m");
        Double geoAltitude = within("geo_altitude", raw.getGeoAltitude(), MIN_ALTITUDE_M, MAX_ALTITUDE_M, "m");
        if (raw.getLatitude() != null) {
            try {
                new Position(raw.getLatitude(), raw.getLongitude(), baroAltitude, geoAltitude);
            } catch (IllegalArgumentException e) {
                throw new Impossible(e.getMessage());
            }
        }
        checkTheRest(raw);
        boolean hasPosition = raw.getLatitude() != null;
        return AircraftObservation.newBuilder()
                .setIcao24(icao24.value())
                .setObservedAt(lastContact)
                .setPositionAt(hasPosition ? timePosition : null)
                .setCallsign(callsign(raw.getCallsign()))
                .setOriginCountry(originCountry(raw.getOriginCountry()))
                .setLatitude(raw.getLatitude())
                .setLongitude(raw.getLongitude())
                .setBarometricAltitudeM(baroAltitude)
                .setGeometricAltitudeM(geoAltitude)
                .setOnGround(raw.getOnGround())
                .setGroundSpeedMps(within("velocity", raw.getVelocity(), 0, MAX_GROUND_SPEED_MPS, "m/s"))
                .setTrackDeg(track(raw.getTrueTrack()))
                .setVerticalRateMps(within("vertical_rate", raw.getVerticalRate(), -MAX_VERTICAL_RATE_MPS, MAX_VERTICAL_RATE_MPS, "m/s"))
                .setSquawk(squawk(raw.getSquawk()))
                .setSource(raw.getSource())
                .build();
    }

    private static Instant time(String field, long epochSecond, Instant now) {
        Instant time = Instant.ofEpochSecond(epochSecond);
        Duration ahead = Duration.between(now, time);
        if (ahead.compareTo(FUTURE_TOLERANCE) > 0) {
            throw new Impossible(field + " " + time + " is " + ahead.toSeconds() + " s ahead of the server's clock ("
                    + now + "; tolerance " + FUTURE_TOLERANCE.toSeconds() + " s)");
        }
        if (Duration.between(time, now).compareTo(MAX_AGE) > 0) {
            throw new Impossible(field + " " + time + " is more than " + MAX_AGE.toDays() + " days before the server's clock (" + now + ")");
        }
        return time;
    }

    private static Double within(String field, Double value, double min, double max, String unit) {
        if (value == null) {
            return null;
        }
        if (!(value >= min && value <= max)) {
            throw new Impossible(field + " " + value + " " + unit + " is outside [" + format(min) + ", " + format(max) + "] " + unit);
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
    }

    /** [0, 360): 360 itself is north written the other way. */
    private static Double track(Double trueTrack) {
        if (trueTrack == null) {
            return null;
        }
        if (!(trueTrack >= 0 && trueTrack <= 360)) {
            throw new Impossible("true_track " + trueTrack + "° is outside [0, 360)°");
        }
        return trueTrack == 360 ? 0.0 : trueTrack;
    }

    /** Trimmed of OpenSky's space padding and upper-cased; blank is none; anything but A–Z, 0–9 and space is impossible. */
    static String callsign(String raw) {
        if (raw == null) {
            return null;
        }
        String callsign = trimSpaces(raw).toUpperCase(Locale.ROOT);
        if (callsign.isEmpty()) {
            return null;
        }
        if (!CALLSIGN.matcher(callsign).matches()) {
            throw new Impossible("callsign " + quoted(raw) + " holds " + describe(firstNotIn(callsign))
                    + ": a callsign is A-Z, 0-9 and spaces");
        }
        if (callsign.length() > MAX_CALLSIGN_LENGTH) {
            throw new Impossible("callsign " + quoted(raw) + " is longer than " + MAX_CALLSIGN_LENGTH + " characters");
        }
        return callsign;
    }

    private static String originCountry(String raw) {
        if (raw == null) {
            return null;
        }
        String country = raw.strip();
        if (country.isEmpty()) {
            return null;
        }
        for (int i = 0; i < country.length(); i++) {
            if (Character.isISOControl(country.charAt(i))) {
                throw new Impossible("origin_country " + quoted(raw) + " holds " + describe(country.charAt(i)));
            }
        }
        if (country.length() > MAX_ORIGIN_COUNTRY_LENGTH) {
            throw new Impossible("origin_country " + quoted(raw) + " is longer than " + MAX_ORIGIN_COUNTRY_LENGTH + " characters");
        }
        return country;
    }

    /** A squawk that is not four octal digits is a transponder glitch, not a code: keep the observation, drop the squawk. */
    private static String squawk(String raw) {
        if (raw == null) {
            return null;
        }
        String squawk = raw.strip();
        return SQUAWK.matcher(squawk).matches() ? squawk : null;
    }

    /** The fields refinement does not carry on, checked all the same: an impossible one tells of a broken feed. */
    private static void checkTheRest(OpenSkyStateVector raw) {
        List<Integer> sensors = raw.getSensors();
        if (sensors != null) {
            for (Integer sensor : sensors) {
                if (sensor == null || sensor < 0) {
                    throw new Impossible("sensors " + sensors + " holds " + sensor + ": receiver serials are not negative");
                }
            }
        }
        Integer source = raw.getPositionSource();
        if (source != null && (source < 0 || source > MAX_POSITION_SOURCE)) {
            throw new Impossible("position_source " + source + " is not one of 0 ADS-B, 1 ASTERIX, 2 MLAT, 3 FLARM");
        }
        Integer category = raw.getCategory();
        if (category != null && (category < 0 || category > MAX_CATEGORY)) {
            throw new Impossible("category " + category + " is outside [0, " + MAX_CATEGORY + "]");
        }
    }

    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private static char firstNotIn(String callsign) {
        for (int i = 0; i < callsign.length(); i++) {
            char c = callsign.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ')) {
                return c;
            }
        }
        throw new IllegalStateException("no character out of the set in " + callsign);
    }

    private static String describe(char c) {
        return String.format("U+%04X%s", (int) c, Character.isISOControl(c) ? " (a control character)" : " '" + c + "'");
    }

    /** The raw text as a Java literal, so that control characters show in the reason. */
    private static String quoted(String raw) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < raw.length() && i < 40; i++) {
            char c = raw.charAt(i);
            quoted.append(Character.isISOControl(c) || c == '"' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return quoted.append(raw.length() > 40 ? "...\"" : "\"").toString();
    }
}
