package dev.contrail.api.flighttracking;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.flighttracking.TrafficStats;
import dev.contrail.readmodels.flighttracking.TrafficStatsQueries;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL entry point of the traffic statistics. No logic beyond checking arguments: the read model computes. */
@Controller
public class TrafficStatsController {

    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    private static final int DEFAULT_TOP = 5;

    private final TrafficStatsQueries queries;

    public TrafficStatsController(TrafficStatsQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    public TrafficStats trafficStats(@Argument String window, @Argument Integer top) {
        Duration duration = window == null ? DEFAULT_WINDOW : duration(window);
        if (duration.compareTo(TrafficStatsQueries.SHORTEST_WINDOW) < 0 || duration.compareTo(TrafficStatsQueries.LONGEST_WINDOW) > 0) {
            throw new InvalidArgumentException("window", "must be within [" + TrafficStatsQueries.SHORTEST_WINDOW + ", "
                    + TrafficStatsQueries.LONGEST_WINDOW + "], was " + window);
        }
        int count = top == null ? DEFAULT_TOP : top;
        if (count < 1 || count > TrafficStatsQueries.MAX_TOP) {
            throw new InvalidArgumentException("top", "must be within [1, " + TrafficStatsQueries.MAX_TOP + "], was " + count);
        }
        return queries.stats(duration, count);
    }

    private static Duration duration(String window) {
        try {
            return Duration.parse(window);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("window", "must be an ISO-8601 duration, e.g. PT5M or PT1H, was '" + window + "'");
        }
    }
}
