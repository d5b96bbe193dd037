package dev.contrail.application.airport;

import dev.contrail.domain.airport.AirportDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.quadtree.Quadtree;

/**
 * The Airport context's own spatial index of its airports, for the command side's attribution of movements
 * (ADR 0012). Fed from the context's own data — the import as it goes, and the context's events
 * ({@link AirportLocations}) — never from another context's read model. A JTS {@link Quadtree}, which, unlike an
 * STRtree, takes inserts and removals after it has been queried: airports keep being registered and changed.
 */
public class AirportIndex {

    private static final double METRES_PER_DEGREE = 111_195;

    private final Quadtree tree = new Quadtree();
    private final Map<String, Entry> byIdent = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private record Entry(AirportDetails airport, Envelope envelope) {
    }

    /** Adds the airport, or replaces what the index knew of it. */
    public void put(AirportDetails airport) {
        Entry entry = new Entry(airport, envelopeOf(airport));
        lock.writeLock().lock();
        try {
            Entry previous = byIdent.put(airport.ident(), entry);
            if (previous != null) {
                tree.remove(previous.envelope(), previous);
            }
            tree.insert(entry.envelope(), entry);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The airports whose reference point or runways may lie within {@code radiusM} of the point. */
    public List<AirportDetails> near(double latitude, double longitude, double radiusM) {
        double dLat = radiusM / METRES_PER_DEGREE;
        double dLon = radiusM / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(latitude))));
        Envelope search = new Envelope(longitude - dLon, longitude + dLon, latitude - dLat, latitude + dLat);
        List<AirportDetails> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Object item : tree.query(search)) {
                Entry entry = (Entry) item;
                if (entry.envelope().intersects(search)) {
                    found.add(entry.airport());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return found;
    }

    public int size() {
        return byIdent.size();
    }

    /** The airport and its runway ends, in degrees (x longitude, y latitude). */
    private static Envelope envelopeOf(AirportDetails airport) {
        Envelope envelope = new Envelope(airport.longitude(), airport.longitude(), airport.latitude(), airport.latitude());
        airport.runways().forEach(runway -> {
            for (var end : new dev.contrail.domain.airport.RunwayEnd[] {runway.lowEnd(), runway.highEnd()}) {
                if (end != null && end.located()) {
                    envelope.expandToInclude(end.longitude(), end.latitude());
                }
            }
        });
        return envelope;
    }
}
