-- ADR 0021: every aggregate's identifier in the event store is qualified by its type, and an airspace volume's also by
-- its source, so that no two aggregates can share a stream (an Airport EIDW and the FIR EIDW did: the second failed
-- with IncompatibleAggregateException). Rewrites the identifiers of the events and snapshots stored before; new ones
-- are written qualified by TypeQualifiedEventStore. The events themselves (payloads, sequence numbers) are untouched.

-- Airspace volumes: before, an id named one volume whatever defined it. Each such stream becomes the volume of that id
-- in the source of its first definition (the AirspaceVolume aggregate names itself by the same rule). Kept as a table
-- for consumers of events published before, which carry no source (the airspace read models resolve them with it).
CREATE TABLE airspace_legacy_volume (
    airspace_id text PRIMARY KEY,
    source      text NOT NULL
);
INSERT INTO airspace_legacy_volume (airspace_id, source)
SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier,
       COALESCE(convert_from(payload, 'UTF8')::jsonb #>> '{definition,source}', '')
FROM domain_event_entry
WHERE type = 'AirspaceVolume' AND payload_type = 'dev.contrail.domain.airspace.AirspaceDefined'
ORDER BY aggregate_identifier, sequence_number;

UPDATE domain_event_entry e
SET aggregate_identifier = 'airspace:' || l.source || '/' || e.aggregate_identifier
FROM airspace_legacy_volume l
WHERE e.type = 'AirspaceVolume' AND e.aggregate_identifier = l.airspace_id;
-- A snapshot is a cache of the events: the volume's (which now holds its volume id) is taken again.
DELETE FROM snapshot_event_entry WHERE type = 'AirspaceVolume';

UPDATE domain_event_entry SET aggregate_identifier = 'airport:' || aggregate_identifier WHERE type = 'Airport';
UPDATE snapshot_event_entry SET aggregate_identifier = 'airport:' || aggregate_identifier WHERE type = 'Airport';
UPDATE domain_event_entry SET aggregate_identifier = 'movement:' || aggregate_identifier WHERE type = 'Movement';
UPDATE snapshot_event_entry SET aggregate_identifier = 'movement:' || aggregate_identifier WHERE type = 'Movement';
UPDATE domain_event_entry SET aggregate_identifier = 'aircraft:' || aggregate_identifier WHERE type = 'Aircraft';
UPDATE snapshot_event_entry SET aggregate_identifier = 'aircraft:' || aggregate_identifier WHERE type = 'Aircraft';
