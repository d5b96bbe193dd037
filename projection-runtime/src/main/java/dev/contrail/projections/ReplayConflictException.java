package dev.contrail.projections;

/** An operation on a projection that its current state does not allow, e.g. a second rebuild while one runs. */
public class ReplayConflictException extends RuntimeException {

    public ReplayConflictException(String message) {
        super(message);
    }
}
