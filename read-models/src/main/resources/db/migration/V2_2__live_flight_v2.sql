-- Live flights v2 (LiveFlightsProjection.VERSION 2): the projection now reads two topics.
--   * flight-tracking.observations (full rate) owns the "where and how" columns: position, altitudes, on_ground,
--     speed, track, vertical rate and last_seen; guarded by last_seen (the observation's observed_at).
--   * flight-tracking.events owns the "which flight" columns: flight_id, callsign, origin_country, squawk,
--     emergency, first_seen, took_off_at, landed_at, lost_at; guarded by last_sequence.
-- The two column sets are disjoint and each has its own guard, so the row does not depend on how the two topics
-- interleave, and a redelivered record changes nothing.

-- v2 is rebuilt from offset 0 under a new application.id. The v1 rows would block that replay (their
-- last_sequence is already at the end), and a read model holds nothing that the topics cannot give back.
TRUNCATE live_flight;

-- Either topic may be the first to mention an aircraft, so each side's columns may still be empty. Queries and
-- subscribers only see a row once both sides have written it (flight_id and last_seen set).
ALTER TABLE live_flight
    ALTER COLUMN flight_id DROP NOT NULL,
    ALTER COLUMN on_ground DROP NOT NULL,
    ALTER COLUMN first_seen DROP NOT NULL,
    ALTER COLUMN last_seen DROP NOT NULL,
    ALTER COLUMN last_sequence DROP NOT NULL,
    -- The emergency the aircraft declared (EmergencyKind: HIJACK, RADIO_FAILURE, GENERAL_EMERGENCY), null if none.
    ADD COLUMN emergency   VARCHAR(32),
    -- Phase landmarks of the current flight, from TookOff and Landed.
    ADD COLUMN took_off_at TIMESTAMPTZ,
    ADD COLUMN landed_at   TIMESTAMPTZ,
    -- When the flight was declared lost (FlightLost's time, in the observation stream's clock); cleared by the next event.
    ADD COLUMN lost_at     TIMESTAMPTZ,
    -- Lost until the aircraft is heard from again: an observation newer than the loss revives it even before the
    -- event of its new flight arrives (the topics are not ordered with respect to each other).
    ADD COLUMN lost        BOOLEAN GENERATED ALWAYS AS (lost_at IS NOT NULL AND (last_seen IS NULL OR last_seen <= lost_at)) STORED;
