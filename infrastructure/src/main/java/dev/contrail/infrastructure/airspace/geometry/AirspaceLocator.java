package dev.contrail.infrastructure.airspace.geometry;

import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.Containment;
import dev.contrail.domain.airspace.VerticalLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the airspace volumes around a position among thousands (ADR 0013): an {@link STRtree} over the volumes'
 * envelopes narrows them to the few whose envelope is near the position, then each candidate is tested exactly with a
 * prepared geometry against a box of ± the margin around the position (ADR 0014): inside if the volume covers the whole
 * box, outside if it does not touch it, undecided otherwise.
 *
 * <p>Thread-safe: the volumes are an immutable snapshot replaced as a whole on every change (copy on write), so
 * lookups never lock. Changes are rare (imports); lookups are one per position.
 */
public final class AirspaceLocator {

    private static final double METRES_PER_DEGREE = 111_320;

    /** One volume, ready for lookups. */
    private record Volume(String id, Geometry geometry, PreparedGeometry prepared, VerticalLimits verticalLimits) {
    }

    private record Snapshot(Map<String, Volume> volumes, STRtree index) {
    }

    private final double horizontalMarginM;
    private final double verticalMarginM;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), build(Map.of()));

    /**
     * @param horizontalMarginM how far from a lateral boundary a position must be to count as clearly in or out
     * @param verticalMarginM   the same for floors and ceilings
     */
    public AirspaceLocator(double horizontalMarginM, double verticalMarginM) {
        this.horizontalMarginM = horizontalMarginM;
        this.verticalMarginM = verticalMarginM;
    }

    /** A volume to add or replace; {@code id} names the volume, its id within its source ({@code AirspaceVolume.idOf}, ADR 0021). */
    public record Shape(String id, Boundary boundary, VerticalLimits verticalLimits) {
    }

    /** Adds or replaces these volumes and removes those named, in one change. */
    public synchronized void update(List<Shape> put, List<String> remove) {
        Map<String, Volume> volumes = new HashMap<>(snapshot.volumes());
        for (Shape shape : put) {
            Geometry geometry = BoundaryGeometry.of(shape.boundary());
            volumes.put(shape.id(), new Volume(shape.id(), geometry, PreparedGeometryFactory.prepare(geometry), shape.verticalLimits()));
        }
        remove.forEach(volumes::remove);
        snapshot = new Snapshot(Map.copyOf(volumes), build(volumes));
    }

    public int size() {
        return snapshot.volumes().size();
    }

    public boolean contains(String airspaceId) {
        return snapshot.volumes().containsKey(airspaceId);
    }

    /** The volumes whose id ends with {@code suffix}, in order: e.g. every source's volume of one airspace id. */
    public List<String> idsEndingWith(String suffix) {
        return snapshot.volumes().keySet().stream().filter(id -> id.endsWith(suffix)).sorted().toList();
    }

    /**
     * Where a position lies against every volume near it. Volumes not in the answer are clearly outside.
     *
     * @param altitudeM barometric or geometric altitude; null if unknown
     */
    public Map<String, Containment> locate(double latitude, double longitude, Double altitudeM) {
        Snapshot current = snapshot;
        // The margin as a box around the position: ±margin metres north-south and east-west.
        double marginLatitude = horizontalMarginM / METRES_PER_DEGREE;
        double marginLongitude = horizontalMarginM / (METRES_PER_DEGREE * Math.max(Math.cos(Math.toRadians(latitude)), 0.01));
        Envelope margin = new Envelope(longitude - marginLongitude, longitude + marginLongitude,
                latitude - marginLatitude, latitude + marginLatitude);
        Geometry around = horizontalMarginM > 0 ? BoundaryGeometry.FACTORY.toGeometry(margin)
                : BoundaryGeometry.FACTORY.createPoint(new Coordinate(longitude, latitude));
        Map<String, Containment> located = new TreeMap<>();
        for (Object candidate : current.index().query(margin)) {
            Volume volume = (Volume) candidate;
            Containment vertical = volume.verticalLimits().containment(altitudeM, verticalMarginM);
            if (vertical == Containment.OUTSIDE) {
                continue;
            }
            // Clearly inside: the whole margin box is; clearly outside: none of it is; otherwise near the boundary.
            Containment lateral = volume.prepared().covers(around) ? Containment.INSIDE
                    : volume.prepared().intersects(around) ? Containment.UNDECIDED : Containment.OUTSIDE;
            if (horizontalMarginM == 0 && lateral == Containment.UNDECIDED) {
                lateral = Containment.INSIDE;
            }
            Containment containment = lateral.and(vertical);
            if (containment != Containment.OUTSIDE) {
                located.put(volume.id(), containment);
            }
        }
        return located;
    }

    /** The volumes whose lateral boundary covers the position exactly, whatever the altitude, without margins. */
    public List<String> containing(double latitude, double longitude) {
        Snapshot current = snapshot;
        Point point = BoundaryGeometry.FACTORY.createPoint(new Coordinate(longitude, latitude));
        List<String> found = new ArrayList<>();
        for (Object candidate : current.index().query(point.getEnvelopeInternal())) {
            Volume volume = (Volume) candidate;
            if (volume.prepared().covers(point)) {
                found.add(volume.id());
            }
        }
        return found;
    }

    private static STRtree build(Map<String, Volume> volumes) {
        STRtree index = new STRtree();
        volumes.values().forEach(volume -> index.insert(volume.geometry().getEnvelopeInternal(), volume));
        index.build();
        return index;
    }

    @Override
    public String toString() {
        return "AirspaceLocator[" + Objects.toString(snapshot.volumes().size()) + " volumes]";
    }
}
