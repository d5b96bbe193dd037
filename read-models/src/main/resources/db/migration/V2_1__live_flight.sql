-- Read model: the current state of every aircraft Flight Tracking knows about.
-- Written only by the live-flights projection (Kafka Streams), read through JPA.
CREATE TABLE live_flight (
    icao24                VARCHAR(6)       NOT NULL PRIMARY KEY,
    flight_id             VARCHAR(32)      NOT NULL,
    callsign              VARCHAR(8),
    origin_country        VARCHAR(64),
    latitude              DOUBLE PRECISION,
    longitude             DOUBLE PRECISION,
    barometric_altitude_m DOUBLE PRECISION,
    geometric_altitude_m  DOUBLE PRECISION,
    on_ground             BOOLEAN          NOT NULL,
    ground_speed_mps      DOUBLE PRECISION,
    track_deg             DOUBLE PRECISION,
    vertical_rate_mps     DOUBLE PRECISION,
    squawk                VARCHAR(4),
    first_seen            TIMESTAMPTZ      NOT NULL,
    last_seen             TIMESTAMPTZ      NOT NULL,
    -- The aircraft's event sequence last applied: an event at or below it is a redelivery and changes nothing.
    last_sequence         BIGINT           NOT NULL
);

-- Bounding-box queries (flights within an area).
CREATE INDEX live_flight_latitude_longitude ON live_flight (latitude, longitude);
