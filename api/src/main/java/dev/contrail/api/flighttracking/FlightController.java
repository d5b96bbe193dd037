package dev.contrail.api.flighttracking;

import static dev.contrail.api.flighttracking.FlightArguments.boundingBox;

import dev.contrail.api.flighttracking.FlightArguments.BoundingBoxInput;
import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.api.graphql.KeysetConnection;
import dev.contrail.readmodels.flighttracking.BoundingBox;
import dev.contrail.readmodels.flighttracking.LiveFlightFilter;
import dev.contrail.readmodels.flighttracking.LiveFlightQueries;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import graphql.relay.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * GraphQL entry points of Flight Tracking's live state. No logic beyond checking arguments: queries go to the read
 * model, and every aircraft leaves as a {@link FlightView} whose fields graphql-java reads as properties.
 */
@Controller
public class FlightController {

    private static final int DEFAULT_PAGE_SIZE = 100;

    private final LiveFlightQueries queries;
    private final LiveFlightUpdates updates;

    public FlightController(LiveFlightQueries queries, LiveFlightUpdates updates) {
        this.queries = queries;
        this.updates = updates;
    }

    @QueryMapping
    public FlightView flight(@Argument String icao24) {
        return queries.flight(FlightArguments.icao24("icao24", icao24)).map(FlightView::of).orElse(null);
    }

    /** A connection of our own (ADR 0019): its cursors are the aircraft's icao24, which orders the pages. */
    @QueryMapping
    public Connection<FlightView> flights(@Argument BoundingBoxInput within, @Argument Double minAltitude, @Argument Double maxAltitude,
                                          @Argument Boolean onGround, @Argument String originCountry, @Argument String callsignPrefix,
                                          @Argument Boolean includeLost, @Argument Integer first, @Argument String after) {
        int pageSize = FlightArguments.within("first", first == null ? DEFAULT_PAGE_SIZE : first, 1, LiveFlightQueries.MAX_PAGE_SIZE);
        if (minAltitude != null && maxAltitude != null && minAltitude > maxAltitude) {
            throw new InvalidArgumentException("minAltitude", "must not be above maxAltitude (" + maxAltitude + "), was " + minAltitude);
        }
        var filter = new LiveFlightFilter(boundingBox("within", within), minAltitude, maxAltitude, onGround,
                FlightArguments.originCountry("originCountry", originCountry), FlightArguments.callsignPrefix("callsignPrefix", callsignPrefix),
                Boolean.TRUE.equals(includeLost));
        String afterIcao24 = FlightArguments.afterIcao24("after", after);
        var page = queries.flights(filter, afterIcao24, pageSize);
        return KeysetConnection.of(page.flights().stream().map(FlightView::of).toList(), FlightView::icao24, afterIcao24, page.hasNext());
    }

    /**
     * Matched to this subscriber's area through the shared index, and conflated per aircraft so that a slow client
     * gets the latest (ADR 0030).
     */
    @SubscriptionMapping
    public Flux<FlightView> flightUpdates(@Argument BoundingBoxInput within) {
        BoundingBox box = boundingBox("within", within);
        return updates.changesWithin(box).map(FlightView::of);
    }
}
