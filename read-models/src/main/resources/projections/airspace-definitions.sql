-- Created in each generation's own schema (ADR 0010): names are unqualified, and queries read the views of the same
-- names in public, which point at the serving generation.
-- Read model of the airspace-definitions projection: every airspace volume as last defined, retired ones included.
-- A volume is its id within its source (ADR 0021): two files may both define an EIDW.
CREATE TABLE airspace (
    airspace_id      TEXT             NOT NULL,
    source           TEXT             NOT NULL,
    name             TEXT,
    floor_m          DOUBLE PRECISION,
    ceiling_m        DOUBLE PRECISION,
    capacity         INTEGER,
    -- The lateral boundary as defined (GeoJSON MultiPolygon geometry), for clients to draw.
    boundary_geojson TEXT,
    -- The same as JTS tests containment (WKT, split across the antimeridian), for airspaces(containing:).
    geometry_wkt     TEXT,
    point_count      INTEGER,
    -- Bounding box; west > east when the volume crosses the antimeridian.
    south            DOUBLE PRECISION,
    west             DOUBLE PRECISION,
    north            DOUBLE PRECISION,
    east             DOUBLE PRECISION,
    retired          BOOLEAN          NOT NULL DEFAULT FALSE,
    defined_at       TIMESTAMPTZ,
    changed_at       TIMESTAMPTZ,
    -- The volume's event sequence last applied: an older (redelivered) event changes nothing.
    sequence         BIGINT           NOT NULL,
    PRIMARY KEY (airspace_id, source)
);
CREATE INDEX airspace_latitudes ON airspace (south, north) WHERE NOT retired;
