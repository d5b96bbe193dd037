-- The live-flights projection (LiveFlightsProjection): the current state of every aircraft Flight Tracking knows
-- about. Created in each generation's own schema (ADR 0010), so names are unqualified; queries read the view
-- public.live_flight, which points at the serving generation. Evolution of this model: db/migration/V2_1, V2_2.
--
-- Two topics write disjoint column sets, each with its own guard (ADR 0009):
--   * flight-tracking.observations owns position, altitudes, on_ground, speed, track, vertical rate and last_seen,
--     applied only if newer than last_seen;
--   * flight-tracking.events owns flight_id, callsign, origin_country, squawk, emergency, first_seen, took_off_at,
--     landed_at and lost_at, applied only above last_sequence.
-- Either topic may be the first to mention an aircraft, so each side's columns may still be empty. Queries and
-- subscribers only see a row once both sides have written it (flight_id and last_seen set).
CREATE TABLE live_flight (
    icao24                VARCHAR(6)       NOT NULL PRIMARY KEY,
    flight_id             VARCHAR(32),
    callsign              VARCHAR(8),
    origin_country        VARCHAR(64),
    latitude              DOUBLE PRECISION,
    longitude             DOUBLE PRECISION,
    barometric_altitude_m DOUBLE PRECISION,
    geometric_altitude_m  DOUBLE PRECISION,
    on_ground             BOOLEAN,
    ground_speed_mps      DOUBLE PRECISION,
    track_deg             DOUBLE PRECISION,
    vertical_rate_mps     DOUBLE PRECISION,
    squawk                VARCHAR(4),
    first_seen            TIMESTAMPTZ,
    last_seen             TIMESTAMPTZ,
    -- The aircraft's event sequence last applied: an event at or below it is a redelivery and changes nothing.
    last_sequence         BIGINT,
    -- The emergency the aircraft declared (EmergencyKind: HIJACK, RADIO_FAILURE, GENERAL_EMERGENCY), null if none.
    emergency             VARCHAR(32),
    -- Phase landmarks of the current flight, from TookOff and Landed.
    took_off_at           TIMESTAMPTZ,
    landed_at             TIMESTAMPTZ,
    -- When the flight was declared lost (FlightLost's time, in the observation stream's clock); cleared by the next event.
    lost_at               TIMESTAMPTZ,
    -- Lost until the aircraft is heard from again: an observation newer than the loss revives it even before the
    -- event of its new flight arrives (the topics are not ordered with respect to each other).
    lost                  BOOLEAN GENERATED ALWAYS AS (lost_at IS NOT NULL AND (last_seen IS NULL OR last_seen <= lost_at)) STORED
);

-- Bounding-box queries (flights within an area).
CREATE INDEX live_flight_latitude_longitude ON live_flight (latitude, longitude);
