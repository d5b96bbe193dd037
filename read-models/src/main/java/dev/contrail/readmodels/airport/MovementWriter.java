package dev.contrail.readmodels.airport;

/** Where the airport-movements projection writes. */
public interface MovementWriter {

    /**
     * Puts the movement on its airport's board and counts it in its hour, once.
     *
     * @return whether it was new (false for a redelivery)
     */
    boolean record(AirportMovementView movement);
}
