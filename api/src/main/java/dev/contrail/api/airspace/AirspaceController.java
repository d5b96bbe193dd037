package dev.contrail.api.airspace;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.airspace.AirspaceActivity;
import dev.contrail.readmodels.airspace.AirspaceActivityUpdates;
import dev.contrail.readmodels.airspace.AirspaceArea;
import dev.contrail.readmodels.airspace.AirspaceOccupancy;
import dev.contrail.readmodels.airspace.AirspaceQueries;
import dev.contrail.readmodels.airspace.AirspaceView;
import dev.contrail.readmodels.airspace.HourlyEntries;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** GraphQL entry points of the Airspace context. */
@Controller
public class AirspaceController {

    static final int MAX_AIRSPACES = 1000;
    static final int MAX_TRANSITS = 1000;
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    /** GraphQL PositionInput. */
    public record PositionInput(Double latitude, Double longitude, Double altitudeM) {
    }

    /** GraphQL BoundingBoxInput. */
    public record AreaInput(Double south, Double west, Double north, Double east) {
    }

    private final AirspaceQueries queries;
    private final AirspaceActivityUpdates updates;

    public AirspaceController(AirspaceQueries queries, AirspaceActivityUpdates updates) {
        this.queries = queries;
        this.updates = updates;
    }

    @QueryMapping
    public AirspaceView airspace(@Argument String id, @Argument String source) {
        return volume(id, source);
    }

    @QueryMapping
    public List<AirspaceView> airspaces(@Argument PositionInput containing, @Argument("within") AreaInput within, @Argument Integer first) {
        int count = first == null ? 100 : first;
        if (count < 1 || count > MAX_AIRSPACES) {
            throw new InvalidArgumentException("first", "must be within [1, " + MAX_AIRSPACES + "], was " + count);
        }
        if (containing == null && within == null) {
            throw new InvalidArgumentException("containing", "give containing, within or both");
        }
        AirspaceArea area = null;
        if (within != null) {
            try {
                area = new AirspaceArea(within.south(), within.west(), within.north(), within.east());
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("within", e.getMessage());
            }
        }
        if (containing != null) {
            if (!(containing.latitude() >= -90 && containing.latitude() <= 90)) {
                throw new InvalidArgumentException("containing", "latitude must be within [-90, 90], was " + containing.latitude());
            }
            if (!(containing.longitude() >= -180 && containing.longitude() <= 180)) {
                throw new InvalidArgumentException("containing", "longitude must be within [-180, 180], was " + containing.longitude());
            }
            return queries.airspaces(containing.latitude(), containing.longitude(), containing.altitudeM(), area, count);
        }
        return queries.airspaces(null, null, null, area, count);
    }

    @QueryMapping
    public AirspaceOccupancy airspaceOccupancy(@Argument String id, @Argument String source) {
        AirspaceView volume = volume(id, source);
        return volume == null ? null : queries.occupancy(volume.id(), volume.source());
    }

    /**
     * The volume with this id, in the source given, else in the only source that defines it (ADR 0021); null if none.
     * An id that several sources define needs its source.
     */
    private AirspaceView volume(String id, String source) {
        List<AirspaceView> found = queries.airspace(id("id", id), source);
        if (found.size() > 1) {
            throw new InvalidArgumentException("source", "airspace " + id + " is defined by " + found.size() + " sources ("
                    + String.join(", ", found.stream().map(AirspaceView::source).toList()) + "): give one of them");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    @SchemaMapping(typeName = "Airspace", field = "boundary")
    public String boundary(AirspaceView airspace) {
        return airspace.boundaryGeoJson();
    }

    @SchemaMapping(typeName = "Airspace", field = "occupancy")
    public AirspaceOccupancy occupancy(AirspaceView airspace) {
        return queries.occupancy(airspace.id(), airspace.source());
    }

    @SchemaMapping(typeName = "Airspace", field = "entriesPerHour")
    public List<HourlyEntries> entriesPerHour(AirspaceView airspace, @Argument String from, @Argument String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidArgumentException("to", "must be after from and at most " + MAX_WINDOW.toDays() + " days later");
        }
        return queries.entriesPerHour(airspace.id(), airspace.source(), start, end);
    }

    @SchemaMapping(typeName = "Airspace", field = "transits")
    public List<AirspaceActivity> transits(AirspaceView airspace, @Argument Integer last) {
        int count = last == null ? 50 : last;
        if (count < 1 || count > MAX_TRANSITS) {
            throw new InvalidArgumentException("last", "must be within [1, " + MAX_TRANSITS + "], was " + count);
        }
        return queries.transits(airspace.id(), airspace.source(), count);
    }

    @SubscriptionMapping
    public Flux<AirspaceActivity> airspaceEvents(@Argument("airspace") String airspace, @Argument String source) {
        String id = id("airspace", airspace);
        return updates.changes().filter(activity -> activity.airspaceId().equals(id) && (source == null || source.equals(activity.source())));
    }

    private static String id(String argument, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidArgumentException(argument, "must be 1-64 letters, digits, '_', '.' or '-', was '" + id + "'");
        }
        return id;
    }

    private static Instant instant(String argument, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(argument, "must be an ISO-8601 instant with an offset, e.g. 2023-03-14T14:00:00Z, was '" + text + "'");
        }
    }
}
