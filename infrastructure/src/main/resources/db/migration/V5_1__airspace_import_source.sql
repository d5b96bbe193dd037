-- Airspace context, write side: which volumes each definitions source (file) defined at its last import, so that a
-- re-import retires exactly the volumes its source no longer defines (ADR 0017). Not a read model.
CREATE TABLE airspace_import_source (
    source      text NOT NULL,
    airspace_id text NOT NULL,
    PRIMARY KEY (source, airspace_id)
);
