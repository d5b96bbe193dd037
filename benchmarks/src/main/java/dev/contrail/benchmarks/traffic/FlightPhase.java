package dev.contrail.benchmarks.traffic;

/** Where a simulated aircraft is in its cycle: parked, out, up, across, down, in, and parked again. */
public enum FlightPhase {
    /** At the gate: on the ground, not moving, until the turnaround is over. */
    PARKED(true),
    /** Taxiing to the runway at walking-car speed; the reported position stays at the airport's reference point. */
    TAXI_OUT(true),
    /** Accelerating along the runway until rotation speed. */
    TAKEOFF_ROLL(true),
    CLIMB(false),
    CRUISE(false),
    DESCENT(false),
    /** Touched down: braking to taxi speed. */
    LANDING_ROLL(true),
    TAXI_IN(true);

    private final boolean onGround;

    FlightPhase(boolean onGround) {
        this.onGround = onGround;
    }

    public boolean onGround() {
        return onGround;
    }
}
