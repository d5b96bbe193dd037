-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the view
-- public.traffic_minute, which points at the serving generation. First introduced by db/migration/V2_12__traffic_minute.sql.
-- Read model: what each aircraft did in each minute it was heard, from the full-rate observation stream. One row
-- per aircraft and minute; traffic statistics roll these up over any window at query time (TrafficStatsQueries).
-- Written only by the traffic-stats projection (Kafka Streams), which forgets minutes older than 25 hours.
CREATE TABLE traffic_minute (
    -- The start of the one-minute bucket (UTC, whole minute).
    minute                    TIMESTAMPTZ      NOT NULL,
    icao24                    VARCHAR(6)       NOT NULL,
    -- The latest observation in the minute: when, and whether the aircraft was on the ground then.
    last_observed_at          TIMESTAMPTZ      NOT NULL,
    on_ground                 BOOLEAN          NOT NULL,
    -- The latest callsign and origin country reported in the minute, and when: a later report replaces one, an
    -- observation without them keeps them. TEXT: the feed does not bound them, and the projection must not stop on
    -- an observation that a column width would reject.
    callsign                  TEXT,
    callsign_at               TIMESTAMPTZ,
    origin_country            TEXT,
    origin_country_at         TIMESTAMPTZ,
    -- The highest values observed in the minute; null when none was reported.
    max_ground_speed_mps      DOUBLE PRECISION,
    max_barometric_altitude_m DOUBLE PRECISION,
    PRIMARY KEY (minute, icao24)
);
