package dev.contrail.api.flighttracking;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.readmodels.flighttracking.Emergency;
import dev.contrail.readmodels.flighttracking.EmergencyQueries;
import dev.contrail.readmodels.flighttracking.EmergencyUpdates;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** GraphQL entry points of emergencies: what was and is declared, and each declaration and ending as it happens. */
@Controller
public class EmergencyController {

    private static final int DEFAULT_EMERGENCIES = 100;

    private final EmergencyQueries queries;
    private final EmergencyUpdates updates;

    public EmergencyController(EmergencyQueries queries, EmergencyUpdates updates) {
        this.queries = queries;
        this.updates = updates;
    }

    @QueryMapping
    public List<Emergency> emergencies(@Argument Boolean active, @Argument Integer first) {
        int count = first == null ? DEFAULT_EMERGENCIES : first;
        if (count < 1 || count > EmergencyQueries.MAX_EMERGENCIES) {
            throw new InvalidArgumentException("first", "must be within [1, " + EmergencyQueries.MAX_EMERGENCIES + "], was " + count);
        }
        return queries.emergencies(active, count);
    }

    @SubscriptionMapping("emergencies")
    public Flux<Emergency> emergencyUpdates() {
        return updates.changes();
    }
}
