-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the view
-- public.emergency, which points at the serving generation. First introduced by db/migration/V2_11__emergency.sql.
-- Read model: every emergency an aircraft declared by squawking 7500, 7600 or 7700, active or past. Written only
-- by the emergencies projection (Kafka Streams), read through JPA.
CREATE TABLE emergency (
    icao24                VARCHAR(6)       NOT NULL,
    -- The sequence of the EmergencyDeclared event in its aircraft's history: with icao24, names the emergency
    -- for ever, so that a redelivered declaration finds its row instead of making a second one.
    declared_sequence     BIGINT           NOT NULL,
    flight_id             VARCHAR(32)      NOT NULL,
    kind                  VARCHAR(17)      NOT NULL CHECK (kind IN ('HIJACK', 'RADIO_FAILURE', 'GENERAL_EMERGENCY')),
    squawk                VARCHAR(4)       NOT NULL,
    declared_at           TIMESTAMPTZ      NOT NULL,
    latitude              DOUBLE PRECISION,
    longitude             DOUBLE PRECISION,
    barometric_altitude_m DOUBLE PRECISION,
    geometric_altitude_m  DOUBLE PRECISION,
    -- When the emergency stopped being active, and why: the crew left the code, or the flight was lost.
    cleared_at            TIMESTAMPTZ,
    ended_by              VARCHAR(11)      CHECK (ended_by IN ('CLEARED', 'FLIGHT_LOST')),
    -- The sequence of the event that ended it: the last one applied to this row.
    ended_sequence        BIGINT,
    PRIMARY KEY (icao24, declared_sequence),
    CHECK ((cleared_at IS NULL) = (ended_by IS NULL) AND (cleared_at IS NULL) = (ended_sequence IS NULL))
);

CREATE INDEX emergency_declared_at ON emergency (declared_at DESC);
-- The few active ones, for emergencies(active: true) and for clearing one when its aircraft leaves the code.
CREATE INDEX emergency_active ON emergency (icao24, declared_sequence) WHERE cleared_at IS NULL;
