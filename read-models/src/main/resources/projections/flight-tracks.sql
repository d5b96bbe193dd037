-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the view
-- public.track_point, which points at the serving generation. First introduced by db/migration/V2_3__track_point.sql.
-- Read model: every position an aircraft reported, at the observation stream's full rate (the domain keeps only
-- one position per 30 s, ADR 0007). Written only by the flight-tracks projection (Kafka Streams), read through JPA.
-- The key is the observation's identity, so a redelivered observation is a conflict and changes nothing.
CREATE TABLE track_point (
    icao24                VARCHAR(6)       NOT NULL,
    observed_at           TIMESTAMPTZ      NOT NULL,
    latitude              DOUBLE PRECISION NOT NULL,
    longitude             DOUBLE PRECISION NOT NULL,
    barometric_altitude_m DOUBLE PRECISION,
    geometric_altitude_m  DOUBLE PRECISION,
    on_ground             BOOLEAN          NOT NULL,
    ground_speed_mps      DOUBLE PRECISION,
    track_deg             DOUBLE PRECISION,
    vertical_rate_mps     DOUBLE PRECISION,
    -- Also the index of the one query: one aircraft's points between two instants, in time order.
    PRIMARY KEY (icao24, observed_at)
);
