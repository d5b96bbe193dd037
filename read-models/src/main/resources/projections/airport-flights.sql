-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the views
-- public.airport_flight, which point at the serving generation.
-- Airport context, airport-flights projection (ADR 0015): each flight with its origin and destination airport.
-- Movements own origin and destination; Flight Tracking's events own the callsign (under their sequence).
CREATE TABLE airport_flight (
    flight_id          TEXT PRIMARY KEY,
    icao24             TEXT NOT NULL,
    callsign           TEXT,
    callsign_sequence  BIGINT,
    origin_ident       TEXT,
    departed_at        TIMESTAMPTZ,
    departure_runway   TEXT,
    destination_ident  TEXT,
    arrived_at         TIMESTAMPTZ,
    arrival_runway     TEXT
);
CREATE INDEX airport_flight_icao24 ON airport_flight (icao24);
