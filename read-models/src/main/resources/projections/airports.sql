-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the views
-- public.airport and public.airport_runway, which point at the serving generation.
-- Airport context, airports projection (ADR 0015): each airport's reference data, as its latest event says.
CREATE TABLE airport (
    ident             TEXT PRIMARY KEY,
    type              TEXT             NOT NULL,
    name              TEXT             NOT NULL,
    latitude          DOUBLE PRECISION NOT NULL,
    longitude         DOUBLE PRECISION NOT NULL,
    elevation_m       DOUBLE PRECISION,
    iso_country       TEXT,
    iso_region        TEXT,
    municipality      TEXT,
    scheduled_service BOOLEAN          NOT NULL,
    icao_code         TEXT,
    iata_code         TEXT,
    last_sequence     BIGINT           NOT NULL
);
CREATE INDEX airport_position ON airport (latitude, longitude);
CREATE INDEX airport_icao_code ON airport (icao_code);
CREATE INDEX airport_type ON airport (type);

-- Its runways, replaced as a whole whenever the airport's data changes; position keeps the source's order.
CREATE TABLE airport_runway (
    airport_ident     TEXT    NOT NULL,
    position          INT     NOT NULL,
    length_m          DOUBLE PRECISION,
    width_m           DOUBLE PRECISION,
    surface           TEXT,
    lighted           BOOLEAN NOT NULL,
    closed            BOOLEAN NOT NULL,
    low_designator    TEXT    NOT NULL,
    low_latitude      DOUBLE PRECISION,
    low_longitude     DOUBLE PRECISION,
    low_elevation_m   DOUBLE PRECISION,
    low_heading_deg   DOUBLE PRECISION,
    high_designator   TEXT,
    high_latitude     DOUBLE PRECISION,
    high_longitude    DOUBLE PRECISION,
    high_elevation_m  DOUBLE PRECISION,
    high_heading_deg  DOUBLE PRECISION,
    PRIMARY KEY (airport_ident, position)
);
