package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** JPA view of the {@code emergency} table. Read-only: only the emergencies projection writes the table. */
@Entity
@Immutable
@Table(name = "emergency")
@IdClass(EmergencyEntity.Key.class)
class EmergencyEntity {

    @Id
    private String icao24;
    @Id
    private long declaredSequence;
    private String flightId;
    @Enumerated(EnumType.STRING)
    private Emergency.Kind kind;
    private String squawk;
    private Instant declaredAt;
    private Double latitude;
    private Double longitude;
    @Column(name = "barometric_altitude_m")
    private Double barometricAltitudeM;
    @Column(name = "geometric_altitude_m")
    private Double geometricAltitudeM;
    private Instant clearedAt;
    @Enumerated(EnumType.STRING)
    private Emergency.End endedBy;
    private Long endedSequence;

    protected EmergencyEntity() {
    }

    Emergency toEmergency() {
        return new Emergency(icao24, declaredSequence, flightId, kind, squawk, declaredAt,
                Place.of(latitude, longitude, barometricAltitudeM, geometricAltitudeM), clearedAt, endedBy);
    }

    /** The identity of an emergency: its aircraft and the sequence of its declaration. */
    static class Key implements Serializable {
        private String icao24;
        private long declaredSequence;

        protected Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(icao24, key.icao24) && declaredSequence == key.declaredSequence;
        }

        @Override
        public int hashCode() {
            return Objects.hash(icao24, declaredSequence);
        }
    }
}
