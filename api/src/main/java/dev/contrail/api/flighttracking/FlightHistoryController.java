package dev.contrail.api.flighttracking;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.flighttracking.FlightHistoryQueries;
import dev.contrail.readmodels.flighttracking.FlightRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL entry point of the flight history. No logic beyond checking arguments: queries go to the read model. */
@Controller
public class FlightHistoryController {

    private static final Pattern ICAO24 = Pattern.compile("[0-9a-fA-F]{6}");
    /** ICAO callsigns: up to 7 characters (3-letter operator and flight number), 8 in the transponder's field. */
    private static final Pattern CALLSIGN = Pattern.compile("[0-9A-Za-z]{1,8}");
    private static final int DEFAULT_FLIGHTS = 50;

    private final FlightHistoryQueries queries;

    public FlightHistoryController(FlightHistoryQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    public List<FlightRecord> recentFlights(@Argument String since, @Argument String icao24, @Argument String callsign,
                                            @Argument Integer first) {
        int count = first == null ? DEFAULT_FLIGHTS : first;
        if (count < 1 || count > FlightHistoryQueries.MAX_FLIGHTS) {
            throw new InvalidArgumentException("first", "must be within [1, " + FlightHistoryQueries.MAX_FLIGHTS + "], was " + count);
        }
        return queries.recentFlights(since(since), icao24(icao24), callsign(callsign), count);
    }

    private static Instant since(String since) {
        if (since == null) {
            return null;
        }
        try {
            // An offset is required: a local time would be a different instant on every server.
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("since", "must be an ISO-8601 date-time with an offset, e.g. 2023-03-14T14:30:00Z, was '"
                    + since + "'");
        }
    }

    private static String icao24(String icao24) {
        if (icao24 == null) {
            return null;
        }
        if (!ICAO24.matcher(icao24).matches()) {
            throw new InvalidArgumentException("icao24", "must be 6 hexadecimal digits, was '" + icao24 + "'");
        }
        return icao24.toLowerCase(Locale.ROOT);
    }

    private static String callsign(String callsign) {
        if (callsign == null) {
            return null;
        }
        String trimmed = callsign.trim();
        if (!CALLSIGN.matcher(trimmed).matches()) {
            throw new InvalidArgumentException("callsign", "must be 1 to 8 letters or digits, was '" + callsign + "'");
        }
        // Transponders send callsigns in capitals; the feed keeps them so.
        return trimmed.toUpperCase(Locale.ROOT);
    }
}
