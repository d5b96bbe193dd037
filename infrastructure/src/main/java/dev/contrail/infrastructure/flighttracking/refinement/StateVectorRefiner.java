package dev.contrail.infrastructure.flighttracking.refinement;

import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Turns one raw OpenSky state vector into a clean observation, or says why it cannot be one. The rules for
 * what a valid icao24 or position is are the domain's ({@link Icao24}, {@link Position}); this class applies
 * them at the edge so that the domain only ever sees clean data.
 */
public final class StateVectorRefiner {

    private static final Pattern SQUAWK = Pattern.compile("[0-7]{4}");

    /** What refinement made of a raw state vector. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(AircraftObservation observation) implements Outcome {
    }

    public record Rejected(String reason) implements Outcome {
    }

    private StateVectorRefiner() {
    }

    public static Outcome refine(OpenSkyStateVector raw) {
        Icao24 icao24;
        try {
            icao24 = Icao24.of(raw.getIcao24());
        } catch (IllegalArgumentException e) {
            return new Rejected(e.getMessage());
        }
        if (raw.getLastContact() == null) {
            return new Rejected("last_contact is missing");
        }
        if (raw.getOnGround() == null) {
            return new Rejected("on_ground is missing");
        }
        if ((raw.getLatitude() == null) != (raw.getLongitude() == null)) {
            return new Rejected("position is incomplete: latitude " + raw.getLatitude() + ", longitude " + raw.getLongitude());
        }
        if (raw.getLatitude() != null) {
            try {
                new Position(raw.getLatitude(), raw.getLongitude(), raw.getBaroAltitude(), raw.getGeoAltitude());
            } catch (IllegalArgumentException e) {
                return new Rejected(e.getMessage());
            }
        }
        boolean hasPosition = raw.getLatitude() != null;
        return new Accepted(AircraftObservation.newBuilder()
                .setIcao24(icao24.value())
                .setObservedAt(Instant.ofEpochSecond(raw.getLastContact()))
                .setPositionAt(hasPosition && raw.getTimePosition() != null ? Instant.ofEpochSecond(raw.getTimePosition()) : null)
                .setCallsign(blankToNull(raw.getCallsign()))
                .setOriginCountry(blankToNull(raw.getOriginCountry()))
                .setLatitude(raw.getLatitude())
                .setLongitude(raw.getLongitude())
                .setBarometricAltitudeM(raw.getBaroAltitude())
                .setGeometricAltitudeM(raw.getGeoAltitude())
                .setOnGround(raw.getOnGround())
                .setGroundSpeedMps(raw.getVelocity())
                .setTrackDeg(raw.getTrueTrack())
                .setVerticalRateMps(raw.getVerticalRate())
                // A squawk that is not four octal digits is a transponder glitch, not a code: keep the observation, drop the squawk.
                .setSquawk(raw.getSquawk() != null && SQUAWK.matcher(raw.getSquawk()).matches() ? raw.getSquawk() : null)
                .setSource(raw.getSource())
                .build());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
