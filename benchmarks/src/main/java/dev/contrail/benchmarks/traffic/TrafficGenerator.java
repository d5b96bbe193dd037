package dev.contrail.benchmarks.traffic;

import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic, endless, deterministic stream of OpenSky state vectors: {@link TrafficSettings#aircraft()} aircraft
 * flying great-circle routes between real airports (OurAirports), each reporting every
 * {@link TrafficSettings#reportPeriodSeconds()} of simulated time once it has come into coverage (over the first
 * {@link TrafficSettings#appearanceSpreadSeconds()}). Reports are spread evenly over the period (aircraft {@code i}
 * reports at {@code start + k·period + i·period/aircraft}), so the stream is in simulated-time order and arrives at a
 * steady rate when paced; {@link #nextTime()} tells when the next one is due, and a caller accelerates time simply by
 * pacing faster.
 * <p>
 * Units are OpenSky's: metres, m/s, degrees, epoch seconds. Like OpenSky, altitudes and vertical rate are null on
 * the ground and callsigns are space-padded to 8 characters. icao24s are unique six-hex-digit addresses, callsigns
 * {@code CTR<n>}, squawks four octal digits (never an emergency code), origin country {@value #ORIGIN_COUNTRY}.
 * <p>
 * Not thread-safe.
 */
public final class TrafficGenerator implements Iterator<OpenSkyStateVector> {

    public static final String ORIGIN_COUNTRY = "Benchmark";
    /** ADS-B. */
    private static final int POSITION_SOURCE = 0;

    private final TrafficSettings settings;
    private final SimulatedAircraft[] aircraft;
    private final String[] icao24s;
    private final String[] callsigns;
    private final double[] lastAdvanced;
    private final String source;

    private final int appearanceRounds;
    private long round;
    private int nextAircraft;
    private long generated;

    public TrafficGenerator(TrafficSettings settings) {
        this(settings, Airports.bundled());
    }

    public TrafficGenerator(TrafficSettings settings, List<Airport> airports) {
        this.settings = settings;
        var picker = new AirportPicker(airports);
        int n = settings.aircraft();
        this.aircraft = new SimulatedAircraft[n];
        this.icao24s = new String[n];
        this.callsigns = new String[n];
        this.lastAdvanced = new double[n];
        for (int i = 0; i < n; i++) {
            aircraft[i] = new SimulatedAircraft(new SplittableRandom(mix(settings.seed() ^ mix(i + 0x632BE59BD9B4E019L))), picker);
            icao24s[i] = icao24(settings.seed(), i);
            callsigns[i] = padTo8("CTR" + (i + 1));
            lastAdvanced[i] = Double.NaN;
        }
        this.source = "benchmark:seed-" + settings.seed();
        this.appearanceRounds = settings.appearanceRounds();
    }

    public TrafficSettings settings() {
        return settings;
    }

    /** Always true: the traffic never ends. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** Simulated time (epoch seconds, fractional) at which the next vector is reported. */
    public double nextTime() {
        return timeOf(round, nextAircraft);
    }

    /** How many vectors this generator has returned. */
    public long generated() {
        return generated;
    }

    @Override
    public OpenSkyStateVector next() {
        int i = nextAircraft;
        long reportRound = round;
        double now = timeOf(reportRound, i);
        SimulatedAircraft plane = aircraft[i];
        if (!Double.isNaN(lastAdvanced[i])) {
            plane.advance(now - lastAdvanced[i]);
        }
        lastAdvanced[i] = now;
        if (++nextAircraft >= inCoverage(round)) {
            nextAircraft = 0;
            round++;
        }
        generated++;
        return stateVector(i, plane, now, reportRound);
    }

    private OpenSkyStateVector stateVector(int i, SimulatedAircraft plane, double now, long reportRound) {
        long contact = (long) Math.floor(now);
        boolean onGround = plane.onGround();
        // Like an OpenSky response: the snapshot's time is the end of the period in which the aircraft was heard.
        long snapshot = (long) Math.ceil(timeOf(reportRound + 1, 0));
        return OpenSkyStateVector.newBuilder()
                .setIcao24(icao24s[i])
                .setCallsign(callsigns[i])
                .setOriginCountry(ORIGIN_COUNTRY)
                .setTimePosition(contact)
                .setLastContact(contact)
                .setLongitude(plane.longitude())
                .setLatitude(plane.latitude())
                .setBaroAltitude(onGround ? null : plane.altitudeM())
                .setOnGround(onGround)
                .setVelocity(plane.speedMps())
                .setTrueTrack(plane.trackDeg())
                .setVerticalRate(onGround ? null : plane.verticalRateMps())
                .setSensors(null)
                .setGeoAltitude(onGround ? null : plane.geometricAltitudeM())
                .setSquawk(plane.squawk())
                .setSpi(false)
                .setPositionSource(POSITION_SOURCE)
                .setCategory(null)
                .setSnapshotTime(snapshot)
                .setSource(source)
                .build();
    }

    /**
     * How many aircraft report in round {@code k}: aircraft {@code i} appears in round {@code floor(i·R/N)} of the
     * {@code R} appearance rounds, so the first {@code ceil((k+1)·N/R)} have appeared by round {@code k}.
     */
    private int inCoverage(long k) {
        int n = aircraft.length;
        if (appearanceRounds == 0 || k >= appearanceRounds) {
            return n;
        }
        return (int) Math.min(n, ((k + 1) * n + appearanceRounds - 1) / appearanceRounds);
    }

    private double timeOf(long k, int i) {
        double period = settings.reportPeriodSeconds();
        return settings.startEpochSecond() + k * period + i * period / aircraft.length;
    }

    /**
     * A unique six-hex-digit address per aircraft: multiplying by an odd constant is a bijection modulo 2^24, so
     * distinct indices (below 2^24) give distinct addresses, spread over the whole range like real ones.
     */
    static String icao24(long seed, int index) {
        long offset = mix(seed) & 0xFFFFFF;
        long address = ((index + offset) * 0x9E3779B1L) & 0xFFFFFF;
        String hex = Long.toHexString(address);
        return "000000".substring(hex.length()) + hex;
    }

    private static String padTo8(String callsign) {
        return callsign.length() >= 8 ? callsign : callsign + " ".repeat(8 - callsign.length());
    }

    /** SplitMix64's finalizer: spreads seeds that differ in one bit over the whole 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
