package dev.contrail.readmodels.flighttracking;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which subscribers' areas may hold a position: a uniform grid over latitude and longitude whose cells list the
 * subscribers whose {@link BoundingBox} overlaps them (ADR 0030). A position is looked up in one cell, so a change is
 * matched against the few subscribers near it, not against every subscriber; each candidate then tests its own box,
 * since a cell is larger than the box's edge.
 *
 * <p>Boxes of up to {@value #MAX_FINE_CELLS} cells of {@value #FINE_DEG}° are listed in the fine grid, larger ones in
 * a coarse grid of {@value #COARSE_DEG}° (at most 648 cells, the whole world), and subscribers without an area in a
 * list of their own that sees every position. A subscriber is listed in one of the three only, and in each of its
 * cells once, so a lookup visits it at most once.
 *
 * <p>Subscribing and cancelling change the lists under this index's lock at the cost of the box's cells; the
 * lookups read arrays that {@link #refresh()} rebuilds, once per batch, for the cells that changed since. Lookups and
 * {@code refresh} must come from one thread at a time (the publisher's); {@link #add} and {@link #remove} from any.
 */
final class AreaIndex<S> {

    static final double FINE_DEG = 1.0;
    static final double COARSE_DEG = 10.0;
    /** A 6°×4° viewport covers 35 fine cells; a box of more than this many goes into the coarse grid. */
    static final int MAX_FINE_CELLS = 400;

    private static final Object[] NONE = new Object[0];

    private final Grid fine = new Grid(FINE_DEG);
    private final Grid coarse = new Grid(COARSE_DEG);
    // Guarded by this.
    private final Set<S> everywhere = new LinkedHashSet<>();
    private boolean everywhereChanged;
    private volatile boolean changed;
    // The publisher's snapshot.
    private Object[] everywhereNow = NONE;

    /** Lists a subscriber under the cells of {@code area}; a null area sees every position. */
    synchronized void add(BoundingBox area, S subscriber) {
        if (area == null) {
            everywhere.add(subscriber);
            everywhereChanged = true;
        } else {
            gridOf(area).add(area, subscriber);
        }
        changed = true;
    }

    /** Removes a subscriber listed under {@code area} (the same area it was added with). */
    synchronized void remove(BoundingBox area, S subscriber) {
        if (area == null) {
            everywhereChanged |= everywhere.remove(subscriber);
        } else {
            gridOf(area).remove(area, subscriber);
        }
        changed = true;
    }

    /** Makes the lookups see every {@link #add} and {@link #remove} so far. Publisher's thread. */
    void refresh() {
        if (!changed) {
            return;
        }
        synchronized (this) {
            changed = false;
            fine.refresh();
            coarse.refresh();
            if (everywhereChanged) {
                everywhereNow = everywhere.toArray();
                everywhereChanged = false;
            }
        }
    }

    /** Subscribers without an area, as of the last {@link #refresh()}. */
    Object[] everywhere() {
        return everywhereNow;
    }

    /** Subscribers of small areas whose cell holds the position, as of the last {@link #refresh()}. */
    Object[] fineAt(double latitude, double longitude) {
        return fine.at(latitude, longitude);
    }

    /** Subscribers of large areas whose cell holds the position, as of the last {@link #refresh()}. */
    Object[] coarseAt(double latitude, double longitude) {
        return coarse.at(latitude, longitude);
    }

    private Grid gridOf(BoundingBox area) {
        return fine.cellsOf(area) <= MAX_FINE_CELLS ? fine : coarse;
    }

    /** One grid: its cells' subscribers (guarded by the index) and their snapshot (the publisher's). */
    private final class Grid {
        private final double deg;
        private final int rows;
        private final int columns;
        private final Set<S>[] cells;
        private final Object[][] now;
        private final BitSet changedCells = new BitSet();

        @SuppressWarnings("unchecked")
        Grid(double deg) {
            this.deg = deg;
            this.rows = (int) Math.ceil(180 / deg);
            this.columns = (int) Math.ceil(360 / deg);
            this.cells = new Set[rows * columns];
            this.now = new Object[rows * columns][];
        }

        Object[] at(double latitude, double longitude) {
            Object[] subscribers = now[row(latitude) * columns + column(longitude)];
            return subscribers == null ? NONE : subscribers;
        }

        long cellsOf(BoundingBox area) {
            long height = row(area.north()) - row(area.south()) + 1L;
            long width = area.crossesAntimeridian()
                    ? (columns - column(area.west())) + column(area.east()) + 1L
                    : column(area.east()) - column(area.west()) + 1L;
            return height * width;
        }

        void add(BoundingBox area, S subscriber) {
            forEachCell(area, cell -> {
                if (cells[cell] == null) {
                    cells[cell] = new LinkedHashSet<>();
                }
                cells[cell].add(subscriber);
            });
        }

        void remove(BoundingBox area, S subscriber) {
            forEachCell(area, cell -> {
                if (cells[cell] != null) {
                    cells[cell].remove(subscriber);
                    if (cells[cell].isEmpty()) {
                        cells[cell] = null;
                    }
                }
            });
        }

        void refresh() {
            for (int cell = changedCells.nextSetBit(0); cell >= 0; cell = changedCells.nextSetBit(cell + 1)) {
                now[cell] = cells[cell] == null ? null : cells[cell].toArray();
            }
            changedCells.clear();
        }

        private void forEachCell(BoundingBox area, java.util.function.IntConsumer action) {
            int fromRow = row(area.south());
            int toRow = row(area.north());
            int west = column(area.west());
            int east = column(area.east());
            for (int row = fromRow; row <= toRow; row++) {
                if (area.crossesAntimeridian()) {
                    forColumns(row, west, columns - 1, action);
                    forColumns(row, 0, east, action);
                } else {
                    forColumns(row, west, east, action);
                }
            }
        }

        private void forColumns(int row, int from, int to, java.util.function.IntConsumer action) {
            for (int column = from; column <= to; column++) {
                int cell = row * columns + column;
                action.accept(cell);
                changedCells.set(cell);
            }
        }

        private int row(double latitude) {
            return Math.min(rows - 1, Math.max(0, (int) Math.floor((latitude + 90) / deg)));
        }

        private int column(double longitude) {
            return Math.min(columns - 1, Math.max(0, (int) Math.floor((longitude + 180) / deg)));
        }
    }
}
