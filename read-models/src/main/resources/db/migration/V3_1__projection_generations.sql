-- Projection generations (ADR 0010). Each read-model projection writes into a schema of its own per generation
-- (proj_<name>_g<n>); the views in public point at the serving generation and are switched atomically when a
-- rebuilt generation has caught up. This table is the registry: one row per generation ever started.
CREATE TABLE projection_generation (
    projection      VARCHAR(64)  NOT NULL,
    generation      INT          NOT NULL,
    -- The projection's code version (its VERSION constant) that built this generation.
    version         INT          NOT NULL,
    state           VARCHAR(10)  NOT NULL CHECK (state IN ('SERVING', 'REBUILDING', 'RETIRED', 'FAILED', 'CANCELLED')),
    schema_name     VARCHAR(63)  NOT NULL,
    application_id  VARCHAR(255) NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    serving_since   TIMESTAMPTZ,
    ended_at        TIMESTAMPTZ,
    -- Why a generation failed or was cancelled, in words an operator can act on.
    reason          TEXT,
    PRIMARY KEY (projection, generation)
);

-- At most one generation of a projection serves, and at most one rebuilds.
CREATE UNIQUE INDEX projection_generation_serving ON projection_generation (projection) WHERE state = 'SERVING';
CREATE UNIQUE INDEX projection_generation_rebuilding ON projection_generation (projection) WHERE state = 'REBUILDING';

-- The read models of Flight Tracking move into generation schemas (read-models/src/main/resources/projections/):
-- their tables in public give way to views of the same names. Nothing is lost: a read model holds nothing the
-- topics cannot give back, and the first generation of each projection is built from the topics' beginning.
DROP TABLE IF EXISTS live_flight, track_point, flight, emergency, traffic_minute;
