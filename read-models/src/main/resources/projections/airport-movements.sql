-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the views
-- public.airport_movement and public.airport_movement_hour, which point at the serving generation.
-- Airport context, airport-movements projection (ADR 0015): the departures and arrivals boards, one row per
-- movement (a flight departs once and arrives once), and the movements per airport per hour for the busiest airports.
CREATE TABLE airport_movement (
    movement_id   TEXT PRIMARY KEY,
    airport_ident TEXT             NOT NULL,
    kind          TEXT             NOT NULL,
    flight_id     TEXT             NOT NULL,
    icao24        TEXT             NOT NULL,
    callsign      TEXT,
    runway        TEXT,
    occurred_at   TIMESTAMPTZ      NOT NULL,
    latitude      DOUBLE PRECISION NOT NULL,
    longitude     DOUBLE PRECISION NOT NULL
);
CREATE INDEX airport_movement_board ON airport_movement (airport_ident, kind, occurred_at DESC);

-- Which movements the hourly counts hold: a redelivered movement is not counted twice.
CREATE TABLE airport_movement_counted (
    movement_id TEXT PRIMARY KEY
);

CREATE TABLE airport_movement_hour (
    airport_ident TEXT        NOT NULL,
    hour          TIMESTAMPTZ NOT NULL,
    departures    INT         NOT NULL,
    arrivals      INT         NOT NULL,
    PRIMARY KEY (airport_ident, hour)
);
CREATE INDEX airport_movement_hour_by_hour ON airport_movement_hour (hour);
