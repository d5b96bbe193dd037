-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the views of the same
-- names in public, which point at the serving generation.
-- Read model of the airspace-occupancy projection: who is inside each volume, and whether it is over its capacity.
-- A volume is its id within its source (ADR 0021).
CREATE TABLE airspace_occupant (
    airspace_id TEXT             NOT NULL,
    source      TEXT             NOT NULL,
    icao24      TEXT             NOT NULL,
    flight_id   TEXT             NOT NULL,
    inside      BOOLEAN          NOT NULL,
    entered_at  TIMESTAMPTZ,
    exited_at   TIMESTAMPTZ,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    altitude_m  DOUBLE PRECISION,
    -- The volume's event sequence last applied to this row (entry or exit).
    sequence    BIGINT           NOT NULL,
    PRIMARY KEY (airspace_id, source, icao24)
);
CREATE INDEX airspace_occupant_inside ON airspace_occupant (airspace_id, source) WHERE inside;

CREATE TABLE airspace_capacity (
    airspace_id        TEXT        NOT NULL,
    source             TEXT        NOT NULL,
    occupants          INTEGER     NOT NULL DEFAULT 0,
    -- Sequence of the entry or exit that set occupants: the latest wins, whatever order events arrive in.
    occupants_sequence BIGINT      NOT NULL DEFAULT -1,
    over_capacity      BOOLEAN     NOT NULL DEFAULT FALSE,
    -- The volume's capacity, from its definitions (capacity_sequence) or the latest alert.
    capacity           INTEGER,
    capacity_sequence  BIGINT      NOT NULL DEFAULT -1,
    alert_at           TIMESTAMPTZ,
    -- Sequence of the capacity alert (exceeded or restored) that set over_capacity.
    alert_sequence     BIGINT      NOT NULL DEFAULT -1,
    PRIMARY KEY (airspace_id, source)
);
