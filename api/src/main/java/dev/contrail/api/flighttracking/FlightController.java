package dev.contrail.api.flighttracking;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.flighttracking.BoundingBox;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightQueries;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** GraphQL entry points of Flight Tracking. No logic beyond checking arguments: queries go to the read model. */
@Controller
public class FlightController {

    private static final Pattern ICAO24 = Pattern.compile("[0-9a-fA-F]{6}");

    private static final int DEFAULT_PAGE_SIZE = 100;

    private final LiveFlightQueries queries;
    private final LiveFlightUpdates updates;
    private final CursorStrategy<ScrollPosition> cursors;

    public FlightController(LiveFlightQueries queries, LiveFlightUpdates updates, CursorStrategy<ScrollPosition> cursors) {
        this.queries = queries;
        this.updates = updates;
        this.cursors = cursors;
    }

    @QueryMapping
    public LiveFlight flight(@Argument String icao24) {
        if (!ICAO24.matcher(icao24).matches()) {
            throw new InvalidArgumentException("icao24", "must be 6 hexadecimal digits, was '" + icao24 + "'");
        }
        return queries.flight(icao24.toLowerCase(Locale.ROOT)).orElse(null);
    }

    @QueryMapping
    public Window<LiveFlight> flights(@Argument BoundingBoxInput within, @Argument Integer first, @Argument String after) {
        int pageSize = first == null ? DEFAULT_PAGE_SIZE : first;
        if (pageSize < 1 || pageSize > LiveFlightQueries.MAX_PAGE_SIZE) {
            throw new InvalidArgumentException("first", "must be within [1, " + LiveFlightQueries.MAX_PAGE_SIZE + "], was " + pageSize);
        }
        return queries.flights(boundingBox("within", within), position("after", after), pageSize);
    }

    @SubscriptionMapping
    public Flux<LiveFlight> flightUpdates(@Argument BoundingBoxInput within) {
        BoundingBox box = boundingBox("within", within);
        return updates.changes().filter(flight -> box == null || box.contains(flight.latitude(), flight.longitude()));
    }

    @SchemaMapping(typeName = "Flight", field = "position")
    public PositionView position(LiveFlight flight) {
        return flight.latitude() == null || flight.longitude() == null
                ? null
                : new PositionView(flight.latitude(), flight.longitude(), flight.barometricAltitudeM(), flight.geometricAltitudeM());
    }

    @SchemaMapping(typeName = "Flight", field = "firstSeen")
    public String firstSeen(LiveFlight flight) {
        return flight.firstSeen().toString();
    }

    @SchemaMapping(typeName = "Flight", field = "lastSeen")
    public String lastSeen(LiveFlight flight) {
        return flight.lastSeen().toString();
    }

    /** The GraphQL input of an area. */
    public record BoundingBoxInput(double south, double west, double north, double east) {
    }

    /** The GraphQL {@code Position} of a flight. */
    public record PositionView(double latitude, double longitude, Double barometricAltitudeM, Double geometricAltitudeM) {
    }

    private ScrollPosition position(String argument, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return cursors.fromCursor(cursor);
        } catch (RuntimeException e) {
            throw new InvalidArgumentException(argument, "is not a cursor returned by this API");
        }
    }

    private static BoundingBox boundingBox(String argument, BoundingBoxInput input) {
        if (input == null) {
            return null;
        }
        try {
            return new BoundingBox(input.south(), input.west(), input.north(), input.east());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(argument, e.getMessage());
        }
    }
}
