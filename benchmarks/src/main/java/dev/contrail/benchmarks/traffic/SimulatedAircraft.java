package dev.contrail.benchmarks.traffic;

import java.util.SplittableRandom;

/**
 * One aircraft of the load generator, flying great-circle routes between airports for ever: taxi out, take-off roll,
 * climb, cruise, descent, landing roll, taxi in, turnaround, and off to the next destination. Each aircraft draws
 * from its own random stream, so its flights do not depend on how many other aircraft there are or in which order
 * they are advanced.
 * <p>
 * The model is deliberately simple (constant rates, a spherical Earth, no wind, no runways), but every number it
 * reports is in a realistic range and consistent with the previous one: position moves by ground speed × time along
 * the route, altitude by vertical rate × time.
 */
final class SimulatedAircraft {

    static final double TAKEOFF_ACCELERATION = 2.2;       // m/s²
    static final double CLIMB_ACCELERATION = 0.3;         // m/s², airspeed build-up after rotation
    static final double SPEED_CHANGE_IN_DESCENT = 0.5;    // m/s²
    static final double LANDING_DECELERATION = 2.0;       // m/s²
    static final double APPROACH_SPEED = 70;              // m/s at touch-down
    /** Planned descent rate, for the top of descent; the actual rate is adjusted to arrive at the runway. */
    static final double PLANNED_DESCENT_RATE = 7.5;       // m/s, about 1,500 ft/min
    static final double MAX_DESCENT_RATE = 25;            // m/s
    static final double MIN_ROUTE_M = 250_000;
    static final double MAX_ROUTE_M = 5_000_000;
    private static final int DESTINATION_TRIES = 64;

    private final SplittableRandom random;
    private final AirportPicker airports;

    private FlightPhase phase;
    private Airport origin;
    private Airport destination;
    private double routeM;
    private double flownM;
    private double latitude;
    private double longitude;
    private double altitudeM;
    private double speedMps;
    private double verticalRateMps;
    private double trackDeg;
    private double phaseSecondsLeft;
    private String squawk;

    // Chosen per flight.
    private double cruiseAltitudeM;
    private double cruiseSpeedMps;
    private double climbRateMps;
    private double rotationSpeedMps;
    private double taxiSpeedMps;
    private double geoidSeparationM;

    SimulatedAircraft(SplittableRandom random, AirportPicker airports) {
        this.random = random;
        this.airports = airports;
        this.geoidSeparationM = 15 + random.nextDouble() * 40;
        startFlightFrom(airports.pick(random));
        placeSomewhereInTheCycle();
    }

    /** Moves the aircraft on by {@code seconds} of simulated time. */
    void advance(double seconds) {
        double dt = seconds;
        switch (phase) {
            case PARKED -> {
                speedMps = 0;
                if ((phaseSecondsLeft -= dt) <= 0) {
                    phase = FlightPhase.TAXI_OUT;
                    phaseSecondsLeft = 120 + random.nextDouble() * 360;
                    speedMps = taxiSpeedMps;
                }
            }
            case TAXI_OUT -> {
                speedMps = taxiSpeedMps;
                if ((phaseSecondsLeft -= dt) <= 0) {
                    phase = FlightPhase.TAKEOFF_ROLL;
                    speedMps = 0;
                    trackDeg = GreatCircle.initialBearingDeg(origin.latitude(), origin.longitude(),
                            destination.latitude(), destination.longitude());
                }
            }
            case TAKEOFF_ROLL -> {
                moveAlongRoute(dt, Math.min(rotationSpeedMps, speedMps + TAKEOFF_ACCELERATION * dt));
                if (speedMps >= rotationSpeedMps) {
                    phase = FlightPhase.CLIMB;
                    altitudeM = origin.elevationM();
                    verticalRateMps = climbRateMps;
                }
            }
            case CLIMB -> {
                verticalRateMps = climbRateMps;
                altitudeM = Math.min(cruiseAltitudeM, altitudeM + climbRateMps * dt);
                moveAlongRoute(dt, Math.min(cruiseSpeedMps, speedMps + CLIMB_ACCELERATION * dt));
                if (altitudeM >= cruiseAltitudeM) {
                    phase = FlightPhase.CRUISE;
                    verticalRateMps = 0;
                }
                beginDescentWhenDue();
            }
            case CRUISE -> {
                verticalRateMps = 0;
                moveAlongRoute(dt, cruiseSpeedMps);
                beginDescentWhenDue();
            }
            case DESCENT -> descend(dt);
            case LANDING_ROLL -> {
                speedMps = Math.max(taxiSpeedMps, speedMps - LANDING_DECELERATION * dt);
                if (speedMps <= taxiSpeedMps) {
                    phase = FlightPhase.TAXI_IN;
                    phaseSecondsLeft = 60 + random.nextDouble() * 240;
                }
            }
            case TAXI_IN -> {
                speedMps = taxiSpeedMps;
                if ((phaseSecondsLeft -= dt) <= 0) {
                    // Turnaround: the next flight leaves from here.
                    startFlightFrom(destination);
                    phase = FlightPhase.PARKED;
                    phaseSecondsLeft = 20 * 60 + random.nextDouble() * 40 * 60;
                }
            }
            default -> throw new IllegalStateException("Unknown phase " + phase);
        }
    }

    private void descend(double dt) {
        double remaining = routeM - flownM;
        double aboveRunway = altitudeM - destination.elevationM();
        double target = APPROACH_SPEED + (cruiseSpeedMps - APPROACH_SPEED) * clamp(aboveRunway / Math.max(1, cruiseAltitudeM - destination.elevationM()), 0, 1);
        double speed = speedMps + clamp(target - speedMps, -SPEED_CHANGE_IN_DESCENT * dt, SPEED_CHANGE_IN_DESCENT * dt);
        if (remaining <= speed * dt) {
            touchDown(speed);
            return;
        }
        // The rate that brings the aircraft to the runway's elevation exactly at the runway.
        verticalRateMps = -Math.min(MAX_DESCENT_RATE, aboveRunway * speed / remaining);
        altitudeM = Math.max(destination.elevationM(), altitudeM + verticalRateMps * dt);
        moveAlongRoute(dt, speed);
    }

    private void touchDown(double speed) {
        phase = FlightPhase.LANDING_ROLL;
        flownM = routeM;
        latitude = destination.latitude();
        longitude = destination.longitude();
        altitudeM = destination.elevationM();
        verticalRateMps = 0;
        speedMps = speed;
    }

    private void beginDescentWhenDue() {
        double remaining = routeM - flownM;
        double needed = (altitudeM - destination.elevationM()) / PLANNED_DESCENT_RATE * (speedMps + APPROACH_SPEED) / 2;
        if (remaining <= needed) {
            phase = FlightPhase.DESCENT;
        }
    }

    private void moveAlongRoute(double dt, double newSpeed) {
        // Trapezoidal: the distance covered at the mean of the old and new speed.
        flownM = Math.min(routeM, flownM + (speedMps + newSpeed) / 2 * dt);
        speedMps = newSpeed;
        updatePositionOnRoute();
    }

    private void updatePositionOnRoute() {
        GreatCircle.Point point = GreatCircle.intermediatePoint(origin.latitude(), origin.longitude(),
                destination.latitude(), destination.longitude(), flownM / routeM);
        latitude = point.latitude();
        longitude = point.longitude();
        if (routeM - flownM > 1) {
            trackDeg = GreatCircle.initialBearingDeg(latitude, longitude, destination.latitude(), destination.longitude());
        }
    }

    /** At {@code from}, with a new destination, a new squawk and new flight parameters; standing still. */
    private void startFlightFrom(Airport from) {
        origin = from;
        destination = pickDestination(from);
        routeM = GreatCircle.distanceM(origin.latitude(), origin.longitude(), destination.latitude(), destination.longitude());
        flownM = 0;
        latitude = origin.latitude();
        longitude = origin.longitude();
        altitudeM = origin.elevationM();
        verticalRateMps = 0;
        speedMps = 0;
        trackDeg = GreatCircle.initialBearingDeg(origin.latitude(), origin.longitude(), destination.latitude(), destination.longitude());
        cruiseAltitudeM = 10_000 + random.nextDouble() * 1_000;
        cruiseSpeedMps = 230 + random.nextDouble() * 20;
        climbRateMps = 9 + random.nextDouble() * 2;
        rotationSpeedMps = 75 + random.nextDouble() * 8;
        taxiSpeedMps = 7 + random.nextDouble() * 3;
        squawk = randomSquawk();
    }

    private Airport pickDestination(Airport from) {
        Airport candidate = from;
        for (int i = 0; i < DESTINATION_TRIES; i++) {
            candidate = airports.pick(random);
            double distance = GreatCircle.distanceM(from.latitude(), from.longitude(), candidate.latitude(), candidate.longitude());
            if (distance >= MIN_ROUTE_M && distance <= MAX_ROUTE_M) {
                return candidate;
            }
        }
        // A remote airport: accept any other one rather than loop for ever.
        while (candidate.equals(from)) {
            candidate = airports.pick(random);
        }
        return candidate;
    }

    /**
     * Starts the aircraft somewhere in its cycle rather than all at the gate, so that the very first snapshot already
     * looks like live traffic: about 10 % on the ground, the rest along their routes climbing, cruising or descending.
     */
    private void placeSomewhereInTheCycle() {
        double draw = random.nextDouble();
        if (draw < 0.06) {
            phase = FlightPhase.PARKED;
            phaseSecondsLeft = random.nextDouble() * 40 * 60;
            return;
        }
        if (draw < 0.10) {
            phase = FlightPhase.TAXI_OUT;
            phaseSecondsLeft = random.nextDouble() * 360;
            speedMps = taxiSpeedMps;
            return;
        }
        // The nominal profile, scaled down on routes too short to reach cruise altitude.
        double climbM = (cruiseAltitudeM - origin.elevationM()) / climbRateMps * (rotationSpeedMps + cruiseSpeedMps) / 2;
        double descentM = (cruiseAltitudeM - destination.elevationM()) / PLANNED_DESCENT_RATE * (cruiseSpeedMps + APPROACH_SPEED) / 2;
        double scale = Math.min(1, routeM / (climbM + descentM));
        climbM *= scale;
        descentM *= scale;
        double peakAltitudeM = Math.max(origin.elevationM(), destination.elevationM())
                + (cruiseAltitudeM - Math.max(origin.elevationM(), destination.elevationM())) * scale;
        flownM = routeM * (0.02 + 0.96 * random.nextDouble());
        double remaining = routeM - flownM;
        if (flownM < climbM) {
            double progress = flownM / climbM;
            phase = FlightPhase.CLIMB;
            altitudeM = origin.elevationM() + (peakAltitudeM - origin.elevationM()) * progress;
            speedMps = rotationSpeedMps + (cruiseSpeedMps - rotationSpeedMps) * progress;
            verticalRateMps = climbRateMps;
            cruiseAltitudeM = peakAltitudeM;
        } else if (remaining < descentM) {
            double left = remaining / descentM;
            phase = FlightPhase.DESCENT;
            altitudeM = destination.elevationM() + (peakAltitudeM - destination.elevationM()) * left;
            speedMps = APPROACH_SPEED + (cruiseSpeedMps - APPROACH_SPEED) * left;
            verticalRateMps = -PLANNED_DESCENT_RATE;
            cruiseAltitudeM = peakAltitudeM;
        } else {
            phase = FlightPhase.CRUISE;
            altitudeM = cruiseAltitudeM;
            speedMps = cruiseSpeedMps;
        }
        updatePositionOnRoute();
    }

    private String randomSquawk() {
        while (true) {
            String octal = Integer.toOctalString(010000 + random.nextInt(010000)).substring(1); // four octal digits
            // 7500, 7600, 7700 are emergencies and 0000/7777 are not assigned: a benchmark declares no emergencies.
            if (!octal.equals("7500") && !octal.equals("7600") && !octal.equals("7700") && !octal.equals("0000") && !octal.equals("7777")) {
                return octal;
            }
        }
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    FlightPhase phase() {
        return phase;
    }

    boolean onGround() {
        return phase.onGround();
    }

    double latitude() {
        return latitude;
    }

    double longitude() {
        return longitude;
    }

    /** Barometric altitude, metres above mean sea level. */
    double altitudeM() {
        return altitudeM;
    }

    double geometricAltitudeM() {
        return altitudeM + geoidSeparationM;
    }

    double speedMps() {
        return speedMps;
    }

    double verticalRateMps() {
        return verticalRateMps;
    }

    double trackDeg() {
        return trackDeg;
    }

    String squawk() {
        return squawk;
    }

    Airport origin() {
        return origin;
    }

    Airport destination() {
        return destination;
    }
}
