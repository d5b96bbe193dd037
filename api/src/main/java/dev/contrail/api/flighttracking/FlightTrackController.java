package dev.contrail.api.flighttracking;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.flighttracking.FlightTrack;
import dev.contrail.readmodels.flighttracking.FlightTrackQueries;
import java.time.Duration;
import java.time.Instant;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL entry point of the flight-tracks read model. No logic beyond checking arguments. */
@Controller
public class FlightTrackController {

    private final FlightTrackQueries queries;

    public FlightTrackController(FlightTrackQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    public FlightTrack flightTrack(@Argument String icao24, @Argument String from, @Argument String to, @Argument Integer maxPoints) {
        String aircraft = FlightArguments.icao24("icao24", icao24);
        Instant start = FlightArguments.instant("from", from);
        Instant end = FlightArguments.instant("to", to);
        if (!end.isAfter(start)) {
            throw new InvalidArgumentException("to", "must be after from (" + start + "), was " + end);
        }
        if (Duration.between(start, end).compareTo(FlightTrackQueries.MAX_SPAN) > 0) {
            throw new InvalidArgumentException("to", "must be at most " + FlightTrackQueries.MAX_SPAN.toHours() + " h after from ("
                    + start + "), was " + end);
        }
        int points = FlightArguments.within("maxPoints", maxPoints == null ? FlightTrackQueries.MAX_POINTS : maxPoints,
                1, FlightTrackQueries.MAX_POINTS);
        return queries.track(aircraft, start, end, points);
    }
}
