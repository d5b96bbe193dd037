package dev.contrail.api.airport;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.airport.AirportFlightQueries;
import dev.contrail.readmodels.airport.AirportFlightView;
import dev.contrail.readmodels.airport.AirportMovementUpdates;
import dev.contrail.readmodels.airport.AirportMovementView;
import dev.contrail.readmodels.airport.AirportQueries;
import dev.contrail.readmodels.airport.AirportView;
import dev.contrail.readmodels.airport.MovementQueries;
import dev.contrail.readmodels.airport.MovementQueries.BusyAirport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** GraphQL entry points of the Airport context's movements: the boards, the busiest airports, the live movements. */
@Controller
public class MovementController {

    private static final int DEFAULT_MOVEMENTS = 50;
    private static final int DEFAULT_AIRPORTS = 10;

    private final MovementQueries movements;
    private final AirportFlightQueries flights;
    private final AirportQueries airports;
    private final AirportMovementUpdates updates;

    public MovementController(MovementQueries movements, AirportFlightQueries flights, AirportQueries airports, AirportMovementUpdates updates) {
        this.movements = movements;
        this.flights = flights;
        this.airports = airports;
        this.updates = updates;
    }

    @QueryMapping
    public List<AirportMovementView> departures(@Argument String airport, @Argument String since, @Argument Integer first) {
        return board(airport, "DEPARTURE", since, first);
    }

    @QueryMapping
    public List<AirportMovementView> arrivals(@Argument String airport, @Argument String since, @Argument Integer first) {
        return board(airport, "ARRIVAL", since, first);
    }

    @QueryMapping
    public List<BusyAirport> busiestAirports(@Argument String window, @Argument Integer first, @Argument String until) {
        Duration duration;
        try {
            duration = Duration.parse(window == null ? "PT24H" : window);
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException("window", "must be an ISO-8601 duration, e.g. PT24H, was '" + window + "'");
        }
        if (duration.compareTo(MovementQueries.SHORTEST_WINDOW) < 0 || duration.compareTo(MovementQueries.LONGEST_WINDOW) > 0) {
            throw new InvalidArgumentException("window", "must be within [PT1H, P31D], was " + window);
        }
        int count = first == null ? DEFAULT_AIRPORTS : first;
        if (count < 1 || count > MovementQueries.MAX_AIRPORTS) {
            throw new InvalidArgumentException("first", "must be within [1, " + MovementQueries.MAX_AIRPORTS + "], was " + count);
        }
        return movements.busiest(duration, until == null ? null : instant("until", until), count).airports();
    }

    @SubscriptionMapping
    public Flux<AirportMovementView> airportMovements(@Argument String airport) {
        return updates.at(AirportController.ident("airport", airport));
    }

    @SchemaMapping(typeName = "AirportMovement", field = "id")
    public String id(AirportMovementView movement) {
        return movement.movementId();
    }

    @SchemaMapping(typeName = "AirportMovement", field = "airport")
    public String airport(AirportMovementView movement) {
        return movement.airportIdent();
    }

    @SchemaMapping(typeName = "AirportMovement", field = "at")
    public String at(AirportMovementView movement) {
        return movement.occurredAt().toString();
    }

    @BatchMapping(typeName = "AirportMovement", field = "flight")
    public Map<AirportMovementView, AirportFlightView> flight(List<AirportMovementView> movements) {
        Map<String, AirportFlightView> byId = flights.flights(movements.stream().map(AirportMovementView::flightId).distinct().toList());
        Map<AirportMovementView, AirportFlightView> result = new HashMap<>();
        movements.forEach(movement -> {
            AirportFlightView flight = byId.get(movement.flightId());
            if (flight != null) {
                result.put(movement, flight);
            }
        });
        return result;
    }

    @BatchMapping(typeName = "AirportFlight", field = "origin")
    public Map<AirportFlightView, AirportView> origin(List<AirportFlightView> flights) {
        return airportsOf(flights, true);
    }

    @BatchMapping(typeName = "AirportFlight", field = "destination")
    public Map<AirportFlightView, AirportView> destination(List<AirportFlightView> flights) {
        return airportsOf(flights, false);
    }

    @SchemaMapping(typeName = "AirportFlight", field = "departedAt")
    public String departedAt(AirportFlightView flight) {
        return flight.departedAt() == null ? null : flight.departedAt().toString();
    }

    @SchemaMapping(typeName = "AirportFlight", field = "arrivedAt")
    public String arrivedAt(AirportFlightView flight) {
        return flight.arrivedAt() == null ? null : flight.arrivedAt().toString();
    }

    @BatchMapping(typeName = "BusyAirport", field = "airport")
    public Map<BusyAirport, AirportView> busyAirport(List<BusyAirport> busy) {
        Map<String, AirportView> known = airports.airports(busy.stream().map(BusyAirport::airportIdent).distinct().toList());
        Map<BusyAirport, AirportView> result = new HashMap<>();
        busy.forEach(b -> {
            if (known.containsKey(b.airportIdent())) {
                result.put(b, known.get(b.airportIdent()));
            }
        });
        return result;
    }

    @SchemaMapping(typeName = "BusyAirport", field = "ident")
    public String ident(BusyAirport busy) {
        return busy.airportIdent();
    }

    private Map<AirportFlightView, AirportView> airportsOf(List<AirportFlightView> flights, boolean origin) {
        Map<String, AirportView> known = airports.airports(flights.stream()
                .flatMap(f -> Stream.of(origin ? f.originIdent() : f.destinationIdent())).filter(Objects::nonNull).distinct().toList());
        Map<AirportFlightView, AirportView> result = new HashMap<>();
        flights.forEach(flight -> {
            // A flight with no known origin or destination has a null ident, which an immutable map refuses to look up.
            String ident = origin ? flight.originIdent() : flight.destinationIdent();
            AirportView airport = ident == null ? null : known.get(ident);
            if (airport != null) {
                result.put(flight, airport);
            }
        });
        return result;
    }

    private List<AirportMovementView> board(String airport, String kind, String since, Integer first) {
        int count = first == null ? DEFAULT_MOVEMENTS : first;
        if (count < 1 || count > MovementQueries.MAX_MOVEMENTS) {
            throw new InvalidArgumentException("first", "must be within [1, " + MovementQueries.MAX_MOVEMENTS + "], was " + count);
        }
        return movements.board(AirportController.ident("airport", airport), kind, since == null ? null : instant("since", since), count);
    }

    private static Instant instant(String argument, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(argument, "must be an ISO-8601 instant with an offset, e.g. 2023-03-14T14:20:00Z, was '" + text + "'");
        }
    }
}
