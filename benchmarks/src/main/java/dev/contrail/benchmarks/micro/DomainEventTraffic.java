package dev.contrail.benchmarks.micro;

import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.domain.flighttracking.TrackPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The commands of {@link DomainEventsMeasurement}: {@code aircraft} aircraft cruising east, each reporting every
 * {@link #REPORT_INTERVAL} of simulated time (the Aircraft's own position sampling interval, so every report with its
 * moved position is a {@code PositionReported}), in the order of their reports as the intake sees them.
 *
 * <p>Each aircraft repeats a cycle of {@value #CYCLE_ROUNDS} rounds of 30 s: {@value #REPORTS_PER_FLIGHT} reports (the
 * first detects its flight: {@code FlightDetected}), then silence, and once it has been silent for the intake's
 * {@code lost-after} of 5 minutes a {@link DeclareFlightLost} ({@code FlightLost}); the next report detects a new
 * flight. Every command therefore applies exactly one event. The aircraft's cycles are staggered, so every round mixes
 * detections, positions and losses; an aircraft whose cycle starts in its silence is first heard at its next cycle, one
 * that starts within its reports is detected by the first of them. Each report carries the aircraft's recent track (its last reports within
 * {@code TrackingPolicy.RECENT_TRACK_SPAN}) as the intake sends it.
 *
 * <p>Deterministic: the same aircraft count, seed and start give the same commands, whatever the order of calls.
 */
public final class DomainEventTraffic {

    static final Duration REPORT_INTERVAL = Duration.ofSeconds(30);
    static final int REPORTS_PER_FLIGHT = 20;
    /** Silent rounds before the flight is declared lost: the intake's default {@code lost-after} of 5 minutes. */
    static final int SILENT_ROUNDS = 10;
    static final int CYCLE_ROUNDS = REPORTS_PER_FLIGHT + SILENT_ROUNDS + 1;
    /** Recent-track points sent with a report: the reports of the last 150 s, within the intake's 180 s span. */
    static final int RECENT_TRACK_POINTS = 5;

    private final int aircraft;
    private final Instant start;
    private final String[] icao24;
    private final double[] latitude;
    private final double[] longitude;
    private final double[] degreesPerRound;
    private final double[] altitude;
    private long round;
    private int next;
    private long commands;

    public DomainEventTraffic(int aircraft, long seed, Instant start) {
        if (aircraft < 1 || aircraft > 0x100000) {
            throw new IllegalArgumentException("between 1 and 1,048,576 aircraft, was " + aircraft);
        }
        this.aircraft = aircraft;
        this.start = start;
        this.icao24 = new String[aircraft];
        this.latitude = new double[aircraft];
        this.longitude = new double[aircraft];
        this.degreesPerRound = new double[aircraft];
        this.altitude = new double[aircraft];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < aircraft; i++) {
            icao24[i] = "%06x".formatted(0xa00000 + i);
            latitude[i] = random.nextDouble(-60, 60);
            longitude[i] = random.nextDouble(-180, 180);
            degreesPerRound[i] = random.nextDouble(0.05, 0.1); // 30 s at 150-300 m/s near the equator
            altitude[i] = random.nextDouble(9_000, 12_000);
        }
    }

    /** The next command: a {@link RecordObservation} or a {@link DeclareFlightLost}. */
    public Object next() {
        while (true) {
            int i = next;
            long r = round;
            if (++next == aircraft) {
                next = 0;
                round++;
            }
            int phase = (int) ((r + i) % CYCLE_ROUNDS);
            if (phase < REPORTS_PER_FLIGHT) {
                commands++;
                return report(i, r, phase);
            }
            if (phase == CYCLE_ROUNDS - 1 && r > SILENT_ROUNDS) { // not before its first flight's last report
                commands++;
                return new DeclareFlightLost(icao24[i], at(i, r - SILENT_ROUNDS - 1), at(i, r));
            }
        }
    }

    /** The next {@code size} commands, in order. */
    public List<Object> next(int size) {
        List<Object> batch = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            batch.add(next());
        }
        return batch;
    }

    /** Commands handed out so far. */
    public long commands() {
        return commands;
    }

    private RecordObservation report(int i, long r, int phase) {
        List<TrackPoint> recentTrack = new ArrayList<>(RECENT_TRACK_POINTS);
        for (long back = Math.min(Math.min(phase, RECENT_TRACK_POINTS), r); back >= 1; back--) { // its reports so far
            recentTrack.add(new TrackPoint(at(i, r - back), position(i, r - back), false, 230.0, 90.0));
        }
        Observation observation = new Observation(Icao24.of(icao24[i]), at(i, r), "TEST" + (i % 1000), "Test",
                position(i, r), false, 230.0, 90.0, 0.0, "1000");
        return new RecordObservation(observation, recentTrack);
    }

    /** When aircraft {@code i} reports in round {@code r}: the aircraft are spread evenly over each 30 s. */
    private Instant at(int i, long r) {
        return start.plus(REPORT_INTERVAL.multipliedBy(r)).plusMillis(REPORT_INTERVAL.toMillis() * i / aircraft);
    }

    private Position position(int i, long r) {
        double east = longitude[i] + 180 + r * degreesPerRound[i];
        return new Position(latitude[i], east % 360 - 180, altitude[i], altitude[i] + 50); // r >= 0: east >= 0
    }
}
