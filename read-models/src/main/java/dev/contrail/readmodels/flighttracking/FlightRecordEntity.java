package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** JPA view of the {@code flight} table. Read-only: only the flight-history projection writes the table. */
@Entity
@Immutable
@Table(name = "flight")
class FlightRecordEntity {

    @Id
    private String flightId;
    private String icao24;
    private String callsign;
    @Enumerated(EnumType.STRING)
    private FlightRecord.Status status;
    private Instant detectedAt;
    private Double detectedLatitude;
    private Double detectedLongitude;
    @Column(name = "detected_barometric_altitude_m")
    private Double detectedBarometricAltitudeM;
    @Column(name = "detected_geometric_altitude_m")
    private Double detectedGeometricAltitudeM;
    private Instant tookOffAt;
    private Double tookOffLatitude;
    private Double tookOffLongitude;
    @Column(name = "took_off_barometric_altitude_m")
    private Double tookOffBarometricAltitudeM;
    @Column(name = "took_off_geometric_altitude_m")
    private Double tookOffGeometricAltitudeM;
    private Instant landedAt;
    private Double landedLatitude;
    private Double landedLongitude;
    @Column(name = "landed_barometric_altitude_m")
    private Double landedBarometricAltitudeM;
    @Column(name = "landed_geometric_altitude_m")
    private Double landedGeometricAltitudeM;
    private Instant lostAt;
    private Instant lastContactAt;
    private Double lostLatitude;
    private Double lostLongitude;
    @Column(name = "lost_barometric_altitude_m")
    private Double lostBarometricAltitudeM;
    @Column(name = "lost_geometric_altitude_m")
    private Double lostGeometricAltitudeM;
    private Instant lastActivityAt;
    private long lastSequence;

    protected FlightRecordEntity() {
    }

    FlightRecord toFlightRecord() {
        return new FlightRecord(flightId, icao24, callsign, status,
                detectedAt, Place.of(detectedLatitude, detectedLongitude, detectedBarometricAltitudeM, detectedGeometricAltitudeM),
                tookOffAt, Place.of(tookOffLatitude, tookOffLongitude, tookOffBarometricAltitudeM, tookOffGeometricAltitudeM),
                landedAt, Place.of(landedLatitude, landedLongitude, landedBarometricAltitudeM, landedGeometricAltitudeM),
                lostAt, lastContactAt, Place.of(lostLatitude, lostLongitude, lostBarometricAltitudeM, lostGeometricAltitudeM),
                lastActivityAt, lastSequence);
    }
}
