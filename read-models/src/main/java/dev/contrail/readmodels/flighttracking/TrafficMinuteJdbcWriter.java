package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.ArrayStatements.bool;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.float8;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.text;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.timestamps;

import dev.contrail.readmodels.projection.RejectedRecords;
import dev.contrail.readmodels.projection.RowByRow;
import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes the {@code traffic_minute} table with one upsert per observation. Every column is folded with an operation
 * that neither the order nor the number of deliveries changes: {@code GREATEST} for the maxima, "the later report
 * wins", by the time it was observed, for the ground state, callsign and origin country. A minute is therefore a
 * function of the set of observations made in it: a redelivered or late observation leaves it as it is (and the
 * {@code WHERE} clause skips the write altogether then). The one order that could matter, two different reports of
 * one aircraft at the same instant, does not occur: refinement forwards one observation per aircraft and instant.
 * The same fold lets the projection stage observations and write them in batches ({@link #stage}, ADR 0020), and
 * lets a batch be folded per aircraft and minute before it is written ({@link Minute}): one row per key, written by one
 * multi-row statement ({@link ArrayStatements}, ADR 0030), leaves the table as the observations one by one would.
 */
public class TrafficMinuteJdbcWriter implements TrafficMinuteWriter {

    private static final String RECORD = """
            INSERT INTO traffic_minute (minute, icao24, last_observed_at, on_ground, callsign, callsign_at,
                origin_country, origin_country_at, max_ground_speed_mps, max_barometric_altitude_m)
            VALUES (:minute, :icao24, :observedAt, :onGround, :callsign, :callsignAt,
                :originCountry, :originCountryAt, :groundSpeedMps, :barometricAltitudeM)
            ON CONFLICT (minute, icao24) DO UPDATE SET
                last_observed_at = GREATEST(traffic_minute.last_observed_at, EXCLUDED.last_observed_at),
                on_ground = CASE WHEN EXCLUDED.last_observed_at > traffic_minute.last_observed_at
                                 THEN EXCLUDED.on_ground ELSE traffic_minute.on_ground END,
                callsign = CASE WHEN EXCLUDED.callsign_at > COALESCE(traffic_minute.callsign_at, '-infinity')
                                THEN EXCLUDED.callsign ELSE traffic_minute.callsign END,
                callsign_at = GREATEST(traffic_minute.callsign_at, EXCLUDED.callsign_at),
                origin_country = CASE WHEN EXCLUDED.origin_country_at > COALESCE(traffic_minute.origin_country_at, '-infinity')
                                      THEN EXCLUDED.origin_country ELSE traffic_minute.origin_country END,
                origin_country_at = GREATEST(traffic_minute.origin_country_at, EXCLUDED.origin_country_at),
                max_ground_speed_mps = GREATEST(traffic_minute.max_ground_speed_mps, EXCLUDED.max_ground_speed_mps),
                max_barometric_altitude_m = GREATEST(traffic_minute.max_barometric_altitude_m, EXCLUDED.max_barometric_altitude_m)
            WHERE EXCLUDED.last_observed_at > traffic_minute.last_observed_at
               OR EXCLUDED.callsign_at > COALESCE(traffic_minute.callsign_at, '-infinity')
               OR EXCLUDED.origin_country_at > COALESCE(traffic_minute.origin_country_at, '-infinity')
               OR EXCLUDED.max_ground_speed_mps > COALESCE(traffic_minute.max_ground_speed_mps, '-Infinity')
               OR EXCLUDED.max_barometric_altitude_m > COALESCE(traffic_minute.max_barometric_altitude_m, '-Infinity')
            """;

    /** {@link #RECORD} for a whole batch, one row per minute and aircraft, from one array per column. */
    private static final String RECORD_ROWS = """
            INSERT INTO traffic_minute (minute, icao24, last_observed_at, on_ground, callsign, callsign_at,
                origin_country, origin_country_at, max_ground_speed_mps, max_barometric_altitude_m)
            SELECT %s, m.icao24, %s, m.on_ground, m.callsign, %s,
                m.origin_country, %s, m.max_ground_speed_mps, m.max_barometric_altitude_m
            FROM unnest(?::int8[], ?::varchar[], ?::int8[], ?::bool[], ?::text[], ?::int8[], ?::text[], ?::int8[], ?::float8[], ?::float8[])
                AS m(minute, icao24, last_observed_at, on_ground, callsign, callsign_at, origin_country, origin_country_at,
                     max_ground_speed_mps, max_barometric_altitude_m)
            """.formatted(ArrayStatements.AT.formatted("m.minute"), ArrayStatements.AT.formatted("m.last_observed_at"),
            ArrayStatements.AT.formatted("m.callsign_at"), ArrayStatements.AT.formatted("m.origin_country_at"))
            + RECORD.substring(RECORD.indexOf("ON CONFLICT"));

    private static final String FORGET = "DELETE FROM traffic_minute WHERE minute < :horizon";

    /** Observations are written at the latest when this many are staged. */
    static final int SIZE = 2_000;

    private record Key(Instant minute, String icao24) {
    }

    private record Staged(AircraftObservation observation, SourceRecord source) {
    }

    /** What the observations of one aircraft in one minute fold to: the SQL's fold, in memory. */
    static final class Minute {
        final Instant minute;
        final String icao24;
        Instant lastObservedAt;
        Boolean onGround;
        String callsign;
        Instant callsignAt;
        String originCountry;
        Instant originCountryAt;
        Double maxGroundSpeed;
        Double maxBarometricAltitude;

        Minute(AircraftObservation first) {
            minute = TrafficStats.minuteOf(first.getObservedAt());
            icao24 = first.getIcao24();
            lastObservedAt = first.getObservedAt();
            onGround = first.getOnGround();
            callsign = first.getCallsign();
            callsignAt = callsign == null ? null : first.getObservedAt();
            originCountry = first.getOriginCountry();
            originCountryAt = originCountry == null ? null : first.getObservedAt();
            maxGroundSpeed = first.getGroundSpeedMps();
            maxBarometricAltitude = first.getBarometricAltitudeM();
        }

        /** As the {@code ON CONFLICT DO UPDATE} of {@link #RECORD} folds one more observation into the row. */
        void fold(AircraftObservation next) {
            Instant at = next.getObservedAt();
            if (at.isAfter(lastObservedAt)) {
                onGround = next.getOnGround();
                lastObservedAt = at;
            }
            if (next.getCallsign() != null && (callsignAt == null || at.isAfter(callsignAt))) {
                callsign = next.getCallsign();
                callsignAt = at;
            }
            if (next.getOriginCountry() != null && (originCountryAt == null || at.isAfter(originCountryAt))) {
                originCountry = next.getOriginCountry();
                originCountryAt = at;
            }
            maxGroundSpeed = greatest(maxGroundSpeed, next.getGroundSpeedMps());
            maxBarometricAltitude = greatest(maxBarometricAltitude, next.getBarometricAltitudeM());
        }

        /**
         * PostgreSQL's {@code GREATEST}: nulls are ignored. Not a conditional expression: {@code a == null ? b : ... Math.max(a, b)}
         * is of type {@code double}, so it unboxes {@code b} and throws when both are null (aircraft that report no speed).
         */
        static Double greatest(Double a, Double b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return Math.max(a, b);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RejectedRecords rejected;
    // Guarded by this: the batch folded per minute and aircraft, and the observations behind it (for row by row).
    private final Map<Key, Minute> minutes = new LinkedHashMap<>();
    private final List<Staged> observations = new ArrayList<>();

    public TrafficMinuteJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, RejectedRecords.NONE);
    }

    /** @param rejected where the observations go whose minutes the table refuses (ADR 0025) */
    public TrafficMinuteJdbcWriter(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected) {
        this.jdbc = jdbc;
        this.rejected = rejected;
    }

    @Override
    public void record(AircraftObservation observation) {
        jdbc.update(RECORD, parameters(observation));
    }

    @Override
    public void stage(AircraftObservation observation) {
        stage(observation, null);
    }

    @Override
    public synchronized void stage(AircraftObservation observation, SourceRecord source) {
        Key key = new Key(TrafficStats.minuteOf(observation.getObservedAt()), observation.getIcao24());
        Minute minute = minutes.get(key);
        if (minute == null) {
            minutes.put(key, new Minute(observation));
        } else {
            minute.fold(observation);
        }
        observations.add(new Staged(observation, source));
        if (observations.size() >= SIZE) {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (observations.isEmpty()) {
            return;
        }
        List<Minute> rows = List.copyOf(minutes.values());
        RowByRow.write("traffic-stats batch of " + observations.size() + " observations in " + rows.size() + " rows",
                () -> ArrayStatements.update(jdbc.getJdbcTemplate(), RECORD_ROWS, timestamps(rows, row -> row.minute),
                        text("varchar", rows, row -> row.icao24), timestamps(rows, row -> row.lastObservedAt),
                        bool(rows, row -> row.onGround), text("text", rows, row -> row.callsign), timestamps(rows, row -> row.callsignAt),
                        text("text", rows, row -> row.originCountry), timestamps(rows, row -> row.originCountryAt),
                        float8(rows, row -> row.maxGroundSpeed), float8(rows, row -> row.maxBarometricAltitude)),
                observations, staged -> jdbc.update(RECORD, parameters(staged.observation())), Staged::source, rejected);
        minutes.clear();
        observations.clear();
    }

    @Override
    public synchronized int staged() {
        return observations.size();
    }

    private static MapSqlParameterSource parameters(AircraftObservation observation) {
        return new MapSqlParameterSource()
                .addValue("minute", Timestamp.from(TrafficStats.minuteOf(observation.getObservedAt())))
                .addValue("icao24", observation.getIcao24())
                .addValue("observedAt", Timestamp.from(observation.getObservedAt()))
                .addValue("onGround", observation.getOnGround())
                .addValue("callsign", observation.getCallsign())
                .addValue("callsignAt", observation.getCallsign() == null ? null : Timestamp.from(observation.getObservedAt()))
                .addValue("originCountry", observation.getOriginCountry())
                .addValue("originCountryAt", observation.getOriginCountry() == null ? null : Timestamp.from(observation.getObservedAt()))
                .addValue("groundSpeedMps", observation.getGroundSpeedMps())
                .addValue("barometricAltitudeM", observation.getBarometricAltitudeM());
    }

    @Override
    public void forgetBefore(Instant horizon) {
        jdbc.update(FORGET, new MapSqlParameterSource("horizon", Timestamp.from(horizon)));
    }
}
