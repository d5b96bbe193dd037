package dev.contrail.application.airspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.application.RefusingEventStorage;
import dev.contrail.application.airspace.AirspaceDefinitions.VolumeDefinition;
import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.AirspaceVolume;
import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.DefineAirspace;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.domain.airspace.VerticalLimits;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batched definition of airspace volumes (ADR 0044) on Axon's real command handling and event sourcing of
 * {@link AirspaceVolume}, over an in-memory event store: a batch stores every volume's definition; a volume refused
 * while handled, or whose events the store refuses, is left out and the others are defined.
 */
class AirspaceDefinitionsTest {

    private static final Instant AT = Instant.parse("2026-12-07T22:00:00Z");
    private static final String SOURCE = "firs.geojson";

    /** Refuses the events of some aggregates, as a database that rejects the batch's commit would. */
    private final RefusingEventStorage storage = new RefusingEventStorage();
    private final EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    /** The airspace ids whose definition the command side refuses while handling it. */
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AirspaceDefinitions definitions;

    AirspaceDefinitionsTest() {
        AggregateAnnotationCommandHandler.<AirspaceVolume>builder().aggregateType(AirspaceVolume.class)
                .repository(EventSourcingRepository.builder(AirspaceVolume.class).eventStore(events).build()).build().subscribe(bus);
        bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof DefineAirspace command && refused.contains(command.airspaceId())) {
                throw new IllegalArgumentException("volume " + command.airspaceId() + " refused");
            }
            return chain.proceed();
        });
        definitions = new AirspaceDefinitions(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    @AfterEach
    void stopTheEventStore() {
        events.shutDown();
    }

    @Test
    void aBatchDefinesEveryVolumeAndDefiningThemAgainStoresNothing() {
        List<VolumeDefinition> volumes = volumes(4);

        assertThat(definitions.defineAll(volumes, AT)).hasSize(4).containsOnlyNulls();
        assertThat(definitions.defineAll(volumes, AT)).hasSize(4).containsOnlyNulls();

        volumes.forEach(volume -> assertThat(storedEvents(volume.airspaceId())).containsExactly("AirspaceDefined"));
    }

    @Test
    void aVolumeRefusedWhileHandledIsLeftOutAndTheOthersAreDefined() {
        refused.add("FIR2");

        List<RuntimeException> failures = definitions.defineAll(volumes(4), AT);

        assertThat(failures.get(2)).hasMessageContaining("FIR2");
        assertThat(failures).filteredOn(failure -> failure != null).hasSize(1);
        assertThat(storedEvents("FIR2")).isEmpty();
        for (String other : List.of("FIR0", "FIR1", "FIR3")) {
            assertThat(storedEvents(other)).containsExactly("AirspaceDefined");
        }
    }

    @Test
    void aVolumeWhoseEventsTheStoreRefusesIsLeftOutAndTheOthersAreDefined() {
        storage.unstorable.add(AirspaceVolume.idOf(SOURCE, "FIR1"));

        List<RuntimeException> failures = definitions.defineAll(volumes(3), AT);

        assertThat(failures.get(1)).hasMessageContaining("FIR1");
        assertThat(failures.get(0)).isNull();
        assertThat(failures.get(2)).isNull();
        assertThat(storedEvents("FIR0")).containsExactly("AirspaceDefined");
        assertThat(storedEvents("FIR2")).containsExactly("AirspaceDefined");
    }

    private List<String> storedEvents(String airspaceId) {
        return events.readEvents(AirspaceVolume.idOf(SOURCE, airspaceId)).asStream()
                .map(event -> event.getPayloadType().getSimpleName()).toList();
    }

    private static List<VolumeDefinition> volumes(int count) {
        return IntStream.range(0, count).mapToObj(i -> new VolumeDefinition("FIR" + i, new AirspaceDefinition("FIR " + i, SOURCE,
                Boundary.of(new BoundaryPolygon(new Ring(List.of(new GeoPoint(50, i), new GeoPoint(50, i + 1), new GeoPoint(51, i + 1),
                        new GeoPoint(50, i))), List.of())), VerticalLimits.UNBOUNDED, 100))).toList();
    }
}
