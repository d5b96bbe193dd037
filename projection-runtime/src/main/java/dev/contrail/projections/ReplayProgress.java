package dev.contrail.projections;

/**
 * How far a rebuild has come (ADR 0010). {@code eventsTotal} is what the input topics held when the rebuild
 * started; records arriving since are live traffic, which the rebuild processes too but does not count.
 *
 * @param projection      the projection being rebuilt
 * @param generation      the generation being built
 * @param state           {@code REBUILDING} while it runs; {@code SERVING} once it took over; {@code FAILED} or
 *                        {@code CANCELLED} if it stopped (the serving generation untouched)
 * @param eventsDone      records of the input topics processed, up to {@code eventsTotal}
 * @param eventsTotal     records the input topics held when the rebuild started
 * @param eventsPerSecond recent processing rate
 * @param etaSeconds      estimated seconds to catch up, null while the rate is unknown
 * @param lag             records of the input topics not yet processed, live ones included
 * @param reason          why it failed or was cancelled
 */
public record ReplayProgress(String projection, int generation, Generation.State state, long eventsDone, long eventsTotal,
                             double eventsPerSecond, Double etaSeconds, long lag, String reason) {

    public boolean finished() {
        return state != Generation.State.REBUILDING;
    }

    public double fraction() {
        return eventsTotal == 0 ? 1.0 : (double) eventsDone / eventsTotal;
    }
}
