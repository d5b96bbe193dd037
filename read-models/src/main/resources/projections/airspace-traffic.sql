-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the views of the same
-- names in public, which point at the serving generation.
-- Read model of the airspace-traffic projection: every entry and exit, and entries per volume per hour.
-- A volume is its id within its source (ADR 0021).
CREATE TABLE airspace_transit (
    airspace_id TEXT             NOT NULL,
    source      TEXT             NOT NULL,
    -- The volume's event sequence: names the entry or exit for ever, so a redelivery inserts nothing.
    sequence    BIGINT           NOT NULL,
    kind        TEXT             NOT NULL CHECK (kind IN ('ENTRY', 'EXIT')),
    icao24      TEXT             NOT NULL,
    flight_id   TEXT             NOT NULL,
    at          TIMESTAMPTZ      NOT NULL,
    reason      TEXT             CHECK (reason IN ('LEFT', 'FLIGHT_LOST', 'AIRSPACE_RETIRED')),
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    altitude_m  DOUBLE PRECISION,
    occupants   INTEGER          NOT NULL,
    PRIMARY KEY (airspace_id, source, sequence)
);
CREATE INDEX airspace_transit_at ON airspace_transit (airspace_id, source, at DESC);
CREATE INDEX airspace_transit_icao24 ON airspace_transit (icao24, at);

-- Counted from airspace_transit (never incremented), so applying an entry twice counts it once.
CREATE TABLE airspace_entries_hour (
    airspace_id TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    hour        TIMESTAMPTZ NOT NULL,
    entries     INTEGER     NOT NULL,
    PRIMARY KEY (airspace_id, source, hour)
);
