package dev.contrail.infrastructure.flighttracking.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one response of OpenSky's {@code GET /api/states/all}: {@code {"time": N, "states": [[17 or 18 fields], ...]}}.
 *
 * <p>It keeps values as OpenSky sent them (validation is refinement's job) but refuses what cannot be a state
 * vector at all: a row that is not an array of at least 17 fields, a field of the wrong JSON type, a missing
 * icao24. Such a row is returned as a {@link RejectedRow} with its reason and bytes; the rest of the snapshot
 * still counts. A body that is not such a JSON document at all is a {@link MalformedSnapshotException}.
 */
public final class OpenSkyStatesParser {

    static final int MINIMUM_FIELDS = 17;
    private static final String[] FIELD_NAMES = {
        "icao24", "callsign", "origin_country", "time_position", "last_contact", "longitude", "latitude",
        "baro_altitude", "on_ground", "velocity", "true_track", "vertical_rate", "sensors", "geo_altitude",
        "squawk", "spi", "position_source", "category"};

    private final ObjectMapper json = new ObjectMapper();

    /** A parsed snapshot: the state vectors that could be read, and the rows that could not. */
    public record Snapshot(long time, String source, List<OpenSkyStateVector> stateVectors, List<RejectedRow> rejected) {
    }

    /** A row that is not a state vector, with why, and its JSON as bytes. */
    public record RejectedRow(int index, String reason, byte[] bytes) {
    }

    public static final class MalformedSnapshotException extends RuntimeException {
        public MalformedSnapshotException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Snapshot parse(byte[] body, String source) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedSnapshotException("not JSON: " + firstLine(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedSnapshotException("not a JSON object with 'time' and 'states'", null);
        }
        JsonNode time = root.get("time");
        if (time == null || !time.canConvertToLong() || !time.isIntegralNumber()) {
            throw new MalformedSnapshotException("'time' is missing or not an integer", null);
        }
        JsonNode states = root.get("states");
        List<OpenSkyStateVector> vectors = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        if (states == null || states.isNull()) {
            // OpenSky answers "states": null when nothing is in the box: an empty snapshot, not an error.
            return new Snapshot(time.asLong(), source, vectors, rejected);
        }
        if (!states.isArray()) {
            throw new MalformedSnapshotException("'states' is not an array", null);
        }
        for (int i = 0; i < states.size(); i++) {
            JsonNode row = states.get(i);
            try {
                vectors.add(stateVector(row, time.asLong(), source));
            } catch (IllegalArgumentException e) {
                rejected.add(new RejectedRow(i, "state " + i + ": " + e.getMessage(), row.toString().getBytes(UTF_8)));
            }
        }
        return new Snapshot(time.asLong(), source, vectors, rejected);
    }

    private static OpenSkyStateVector stateVector(JsonNode row, long snapshotTime, String source) {
        if (!row.isArray() || row.size() < MINIMUM_FIELDS) {
            throw new IllegalArgumentException("not an array of at least " + MINIMUM_FIELDS + " fields");
        }
        String icao24 = text(row, 0);
        if (icao24 == null || icao24.isBlank()) {
            throw new IllegalArgumentException("icao24 is missing");
        }
        return OpenSkyStateVector.newBuilder()
                .setIcao24(icao24.trim().toLowerCase(Locale.ROOT))
                .setCallsign(text(row, 1))
                .setOriginCountry(text(row, 2))
                .setTimePosition(integer(row, 3))
                .setLastContact(integer(row, 4))
                .setLongitude(number(row, 5))
                .setLatitude(number(row, 6))
                .setBaroAltitude(number(row, 7))
                .setOnGround(bool(row, 8))
                .setVelocity(number(row, 9))
                .setTrueTrack(number(row, 10))
                .setVerticalRate(number(row, 11))
                .setSensors(sensors(row, 12))
                .setGeoAltitude(number(row, 13))
                .setSquawk(text(row, 14))
                .setSpi(bool(row, 15))
                .setPositionSource(smallInteger(row, 16))
                .setCategory(smallInteger(row, 17))
                .setSnapshotTime(snapshotTime)
                .setSource(source)
                .build();
    }

    private static String text(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(i, "text", v);
        }
        return v.textValue();
    }

    private static Double number(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw wrongType(i, "a number", v);
        }
        return v.doubleValue();
    }

    private static Long integer(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw wrongType(i, "an integer", v);
        }
        return v.longValue();
    }

    /** An int field: one beyond an int's range is not silently wrapped (position_source 4294967296 is not 0). */
    private static Integer smallInteger(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(i, "a small integer", v);
        }
        return v.intValue();
    }

    private static Boolean bool(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw wrongType(i, "true or false", v);
        }
        return v.booleanValue();
    }

    private static List<Integer> sensors(JsonNode row, int i) {
        JsonNode v = row.get(i);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw wrongType(i, "an array of sensor ids", v);
        }
        List<Integer> ids = new ArrayList<>(v.size());
        for (JsonNode id : v) {
            if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                throw wrongType(i, "an array of sensor ids", v);
            }
            ids.add(id.intValue());
        }
        return ids;
    }

    private static IllegalArgumentException wrongType(int i, String expected, JsonNode actual) {
        return new IllegalArgumentException(FIELD_NAMES[i] + " (field " + i + ") should be " + expected + ", was " + actual);
    }

    private static String firstLine(JsonProcessingException e) {
        return e.getOriginalMessage();
    }

    private static String firstLine(IOException e) {
        return e instanceof JsonProcessingException jpe ? firstLine(jpe) : e.getMessage();
    }
}
