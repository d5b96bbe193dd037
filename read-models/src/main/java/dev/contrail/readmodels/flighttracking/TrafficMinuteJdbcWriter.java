package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.JdbcBatches;
import dev.contrail.readmodels.projection.RejectedRecords;
import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes the {@code traffic_minute} table with one upsert per observation. Every column is folded with an operation
 * that neither the order nor the number of deliveries changes: {@code GREATEST} for the maxima, "the later report
 * wins", by the time it was observed, for the ground state, callsign and origin country. A minute is therefore a
 * function of the set of observations made in it: a redelivered or late observation leaves it as it is (and the
 * {@code WHERE} clause skips the write altogether then). The one order that could matter, two different reports of
 * one aircraft at the same instant, does not occur: refinement forwards one observation per aircraft and instant.
 * The same fold lets the projection stage observations and send them as JDBC batches ({@link #stage}, ADR 0020).
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

    private static final String FORGET = "DELETE FROM traffic_minute WHERE minute < :horizon";

    private final NamedParameterJdbcTemplate jdbc;

    private final JdbcBatches batches;

    public TrafficMinuteJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, RejectedRecords.NONE);
    }

    /** @param rejected where the observations go whose minutes the table refuses (ADR 0025) */
    public TrafficMinuteJdbcWriter(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected) {
        this.jdbc = jdbc;
        this.batches = new JdbcBatches(jdbc, rejected, RECORD);
    }

    @Override
    public void record(AircraftObservation observation) {
        jdbc.update(RECORD, parameters(observation));
    }

    @Override
    public void stage(AircraftObservation observation) {
        batches.stage(RECORD, parameters(observation));
    }

    @Override
    public void stage(AircraftObservation observation, SourceRecord source) {
        batches.stage(RECORD, parameters(observation), source);
    }

    @Override
    public void flush() {
        batches.flush();
    }

    @Override
    public int staged() {
        return batches.staged();
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
