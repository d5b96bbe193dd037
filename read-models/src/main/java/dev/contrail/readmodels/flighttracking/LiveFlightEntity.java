package dev.contrail.readmodels.flighttracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** JPA view of the {@code live_flight} table. Read-only: only the projection writes the table. */
@Entity
@Immutable
@Table(name = "live_flight")
class LiveFlightEntity {

    @Id
    private String icao24;
    private String flightId;
    private String callsign;
    private String originCountry;
    private Double latitude;
    private Double longitude;
    @Column(name = "barometric_altitude_m")
    private Double barometricAltitudeM;
    @Column(name = "geometric_altitude_m")
    private Double geometricAltitudeM;
    private boolean onGround;
    private Double groundSpeedMps;
    private Double trackDeg;
    private Double verticalRateMps;
    private String squawk;
    private Instant firstSeen;
    private Instant lastSeen;
    private long lastSequence;

    protected LiveFlightEntity() {
    }

    LiveFlight toLiveFlight() {
        return new LiveFlight(icao24, flightId, callsign, originCountry, latitude, longitude, barometricAltitudeM,
                geometricAltitudeM, onGround, groundSpeedMps, trackDeg, verticalRateMps, squawk, firstSeen, lastSeen);
    }
}
