-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the view
-- public.flight, which points at the serving generation. First introduced by db/migration/V2_10__flight.sql.
-- Read model: every flight Flight Tracking has known, one row per flight (a flight is one aircraft from its
-- detection or take-off to its landing or loss). Written only by the flight-history projection (Kafka Streams),
-- read through JPA.
CREATE TABLE flight (
    flight_id                      VARCHAR(32)      NOT NULL PRIMARY KEY,
    icao24                         VARCHAR(6)       NOT NULL,
    -- The latest callsign the aircraft transmitted on this flight. TEXT: nothing upstream bounds its length, and a
    -- projection must not stop on a record that a column width would reject.
    callsign                       TEXT,
    status                         VARCHAR(8)       NOT NULL CHECK (status IN ('DETECTED', 'AIRBORNE', 'LANDED', 'LOST')),
    -- When Contrail first knew of the flight: its detection, or the take-off that started it after a landing.
    detected_at                    TIMESTAMPTZ      NOT NULL,
    detected_latitude              DOUBLE PRECISION,
    detected_longitude             DOUBLE PRECISION,
    detected_barometric_altitude_m DOUBLE PRECISION,
    detected_geometric_altitude_m  DOUBLE PRECISION,
    took_off_at                    TIMESTAMPTZ,
    took_off_latitude              DOUBLE PRECISION,
    took_off_longitude             DOUBLE PRECISION,
    took_off_barometric_altitude_m DOUBLE PRECISION,
    took_off_geometric_altitude_m  DOUBLE PRECISION,
    landed_at                      TIMESTAMPTZ,
    landed_latitude                DOUBLE PRECISION,
    landed_longitude               DOUBLE PRECISION,
    landed_barometric_altitude_m   DOUBLE PRECISION,
    landed_geometric_altitude_m    DOUBLE PRECISION,
    -- When Contrail declared the flight lost, when it last heard the aircraft, and where it was then.
    lost_at                        TIMESTAMPTZ,
    last_contact_at                TIMESTAMPTZ,
    lost_latitude                  DOUBLE PRECISION,
    lost_longitude                 DOUBLE PRECISION,
    lost_barometric_altitude_m     DOUBLE PRECISION,
    lost_geometric_altitude_m      DOUBLE PRECISION,
    -- The time of the flight's latest event: what "recent" means.
    last_activity_at               TIMESTAMPTZ      NOT NULL,
    -- The aircraft's event sequence last applied to this flight: an event at or below it is a redelivery.
    last_sequence                  BIGINT           NOT NULL
);

-- recentFlights: newest activity first, optionally for one aircraft or one callsign.
CREATE INDEX flight_last_activity ON flight (last_activity_at DESC, flight_id DESC);
CREATE INDEX flight_icao24_last_activity ON flight (icao24, last_activity_at DESC);
CREATE INDEX flight_callsign_last_activity ON flight (callsign, last_activity_at DESC);
