package dev.contrail.api.flighttracking;

import static dev.contrail.api.flighttracking.FlightArguments.boundingBox;

import dev.contrail.api.flighttracking.FlightArguments.BoundingBoxInput;
import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.flighttracking.BoundingBox;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightFilter;
import dev.contrail.readmodels.flighttracking.LiveFlightQueries;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import java.time.Instant;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** GraphQL entry points of Flight Tracking's live state. No logic beyond checking arguments: queries go to the read model. */
@Controller
public class FlightController {

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
        return queries.flight(FlightArguments.icao24("icao24", icao24)).orElse(null);
    }

    @QueryMapping
    public Window<LiveFlight> flights(@Argument BoundingBoxInput within, @Argument Double minAltitude, @Argument Double maxAltitude,
                                      @Argument Boolean onGround, @Argument String originCountry, @Argument String callsignPrefix,
                                      @Argument Boolean includeLost, @Argument Integer first, @Argument String after) {
        int pageSize = FlightArguments.within("first", first == null ? DEFAULT_PAGE_SIZE : first, 1, LiveFlightQueries.MAX_PAGE_SIZE);
        if (minAltitude != null && maxAltitude != null && minAltitude > maxAltitude) {
            throw new InvalidArgumentException("minAltitude", "must not be above maxAltitude (" + maxAltitude + "), was " + minAltitude);
        }
        var filter = new LiveFlightFilter(boundingBox("within", within), minAltitude, maxAltitude, onGround,
                FlightArguments.originCountry("originCountry", originCountry), FlightArguments.callsignPrefix("callsignPrefix", callsignPrefix),
                Boolean.TRUE.equals(includeLost));
        return queries.flights(filter, position("after", after), pageSize);
    }

    /** Filtered for this subscriber on the server, and conflated per aircraft so that a slow client gets the latest. */
    @SubscriptionMapping
    public Flux<LiveFlight> flightUpdates(@Argument BoundingBoxInput within) {
        BoundingBox box = boundingBox("within", within);
        return updates.changesOf(flight -> box == null || box.contains(flight.latitude(), flight.longitude()));
    }

    @SchemaMapping(typeName = "Flight", field = "position")
    public PositionView position(LiveFlight flight) {
        return flight.latitude() == null || flight.longitude() == null
                ? null
                : new PositionView(flight.latitude(), flight.longitude(), flight.barometricAltitudeM(), flight.geometricAltitudeM());
    }

    @SchemaMapping(typeName = "Flight", field = "firstSeen")
    public String firstSeen(LiveFlight flight) {
        return iso(flight.firstSeen());
    }

    @SchemaMapping(typeName = "Flight", field = "lastSeen")
    public String lastSeen(LiveFlight flight) {
        return iso(flight.lastSeen());
    }

    @SchemaMapping(typeName = "Flight", field = "tookOffAt")
    public String tookOffAt(LiveFlight flight) {
        return iso(flight.tookOffAt());
    }

    @SchemaMapping(typeName = "Flight", field = "landedAt")
    public String landedAt(LiveFlight flight) {
        return iso(flight.landedAt());
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

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
