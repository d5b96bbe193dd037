package dev.contrail.readmodels.flighttracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** JPA view of the {@code track_point} table. Read-only: only the projection writes the table. */
@Entity
@Immutable
@Table(name = "track_point")
@IdClass(TrackPointEntity.Key.class)
class TrackPointEntity {

    @Id
    private String icao24;
    @Id
    private Instant observedAt;
    private double latitude;
    private double longitude;
    @Column(name = "barometric_altitude_m")
    private Double barometricAltitudeM;
    @Column(name = "geometric_altitude_m")
    private Double geometricAltitudeM;
    private boolean onGround;
    private Double groundSpeedMps;
    private Double trackDeg;
    private Double verticalRateMps;

    protected TrackPointEntity() {
    }

    TrackPoint toTrackPoint() {
        return new TrackPoint(icao24, observedAt, latitude, longitude, barometricAltitudeM, geometricAltitudeM, onGround,
                groundSpeedMps, trackDeg, verticalRateMps);
    }

    /** The key of a point: its aircraft and when it was observed. */
    static final class Key implements Serializable {
        private String icao24;
        private Instant observedAt;

        Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(icao24, key.icao24) && Objects.equals(observedAt, key.observedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(icao24, observedAt);
        }
    }
}
