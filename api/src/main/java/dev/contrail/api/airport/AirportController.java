package dev.contrail.api.airport;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.airport.AirportQueries;
import dev.contrail.readmodels.airport.AirportQueries.Area;
import dev.contrail.readmodels.airport.AirportView;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.stereotype.Controller;

/** GraphQL entry points of the Airport context's reference data: one airport, and airports a page at a time. */
@Controller
public class AirportController {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_SEARCH_LENGTH = 100;
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z-]{1,16}");

    private final AirportQueries queries;
    private final CursorStrategy<ScrollPosition> cursors;

    public AirportController(AirportQueries queries, CursorStrategy<ScrollPosition> cursors) {
        this.queries = queries;
        this.cursors = cursors;
    }

    /** The GraphQL {@code BoundingBoxInput}. */
    public record AreaInput(double south, double west, double north, double east) {
    }

    @QueryMapping
    public AirportView airport(@Argument String icao) {
        return queries.airport(ident("icao", icao)).orElse(null);
    }

    @QueryMapping
    public Window<AirportView> airports(@Argument AreaInput within, @Argument String type, @Argument String search, @Argument Integer first,
                                        @Argument String after) {
        int pageSize = first == null ? DEFAULT_PAGE_SIZE : first;
        if (pageSize < 1 || pageSize > AirportQueries.MAX_PAGE_SIZE) {
            throw new InvalidArgumentException("first", "must be within [1, " + AirportQueries.MAX_PAGE_SIZE + "], was " + pageSize);
        }
        if (search != null && (search.isBlank() || search.length() > MAX_SEARCH_LENGTH)) {
            throw new InvalidArgumentException("search", "must be 1 to " + MAX_SEARCH_LENGTH + " characters, not blank");
        }
        Area area = null;
        if (within != null) {
            try {
                area = new Area(within.south(), within.west(), within.north(), within.east());
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("within", e.getMessage());
            }
        }
        var page = queries.airports(area, type, search == null ? null : search.trim(), afterIdent(after), pageSize);
        List<AirportView> airports = page.airports();
        return Window.from(airports, i -> ScrollPosition.forward(Map.of("ident", airports.get(i).ident())), page.hasNext());
    }

    static String ident(String argument, String ident) {
        if (ident == null || !CODE.matcher(ident).matches()) {
            throw new InvalidArgumentException(argument, "must be an airport ident of 1 to 16 letters, digits or '-', was '" + ident + "'");
        }
        return ident.toUpperCase(java.util.Locale.ROOT);
    }

    private String afterIdent(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            if (cursors.fromCursor(cursor) instanceof KeysetScrollPosition keyset && keyset.getKeys().get("ident") instanceof String ident) {
                return ident;
            }
        } catch (RuntimeException e) {
            // not one of ours: reported below
        }
        throw new InvalidArgumentException("after", "is not a cursor returned by this API");
    }
}
