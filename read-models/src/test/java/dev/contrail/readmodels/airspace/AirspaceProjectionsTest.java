package dev.contrail.readmodels.airspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airspace.AircraftEnteredAirspace;
import dev.contrail.schemas.airspace.AircraftExitedAirspace;
import dev.contrail.schemas.airspace.AircraftPosition;
import dev.contrail.schemas.airspace.AirspaceDefined;
import dev.contrail.schemas.airspace.AirspaceDefinition;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.airspace.BoundaryPolygon;
import dev.contrail.schemas.airspace.CapacityExceeded;
import dev.contrail.schemas.airspace.ExitReason;
import dev.contrail.schemas.airspace.GeoPoint;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/** Which events reach which airspace projection, and the query side's geometry across the antimeridian. */
class AirspaceProjectionsTest {

    private static final Instant T0 = Instant.parse("2023-03-14T14:20:47Z");

    private static AirspaceDefinition definition(double... latLons) {
        List<GeoPoint> ring = new ArrayList<>();
        for (int i = 0; i < latLons.length; i += 2) {
            ring.add(new GeoPoint(latLons[i], latLons[i + 1]));
        }
        return AirspaceDefinition.newBuilder().setName("test").setSource("test.geojson")
                .setPolygons(List.of(BoundaryPolygon.newBuilder().setExterior(ring).setHoles(List.of()).build()))
                .setFloorM(null).setCeilingM(3000.0).setCapacity(1).build();
    }

    private static final AirspaceDefinition PACIFIC = definition(-10, 179, -10, -179, 10, -179, 10, 179, -10, 179);

    private static AirspaceEvent event(long sequence, Object payload) {
        return AirspaceEvent.newBuilder().setEventId("e" + sequence).setAirspaceId("P").setSequence(sequence).setOccurredAt(T0)
                .setPayload(payload).build();
    }

    private static List<AirspaceEvent> history() {
        var position = new AircraftPosition(0.0, 179.5, 9000.0);
        return List.of(
                event(0, AirspaceDefined.newBuilder().setDefinition(PACIFIC).build()),
                event(1, AircraftEnteredAirspace.newBuilder().setIcao24("a445ee").setFlightId("a445ee-1").setPosition(position).setOccupants(1).build()),
                event(2, AircraftEnteredAirspace.newBuilder().setIcao24("a448d7").setFlightId("a448d7-1").setPosition(position).setOccupants(2).build()),
                event(3, CapacityExceeded.newBuilder().setOccupants(2).setCapacity(1).build()),
                event(4, AircraftExitedAirspace.newBuilder().setIcao24("a445ee").setFlightId("a445ee-1").setPosition(position)
                        .setReason(ExitReason.LEFT).setOccupants(1).build()));
    }

    private interface Projection {
        void addTo(StreamsBuilder builder, List<AirspaceEvent> seen, Consumer<AirspaceActivity> changes);
    }

    private static List<AirspaceEvent> through(Projection projection, List<AirspaceActivity> changes) {
        List<AirspaceEvent> seen = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        projection.addTo(builder, seen, changes::add);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "airspace-projection-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (var driver = new TopologyTestDriver(builder.build(), config)) {
            var input = driver.createInputTopic(Topics.AIRSPACE_EVENTS, Serdes.String().serializer(), AvroSerde.of(AirspaceEvent.class).serializer());
            history().forEach(event -> input.pipeInput(event.getAirspaceId(), event));
        }
        return seen;
    }

    @Test
    void definitionsReachOnlyTheDefinitionsProjection() {
        List<AirspaceEvent> seen = through((builder, events, changes) -> AirspaceProjections.Definitions.addTo(builder, events::add), new ArrayList<>());
        assertThat(seen).extracting(AirspaceEvent::getSequence).containsExactly(0L);
    }

    @Test
    void entriesExitsAndAlertsReachTheOccupancyProjectionWhichAnnouncesAlerts() {
        List<AirspaceActivity> changes = new ArrayList<>();
        List<AirspaceEvent> seen = through((builder, events, announce) -> AirspaceProjections.Occupancy.addTo(builder, event -> {
            events.add(event);
            return event.getPayload() instanceof CapacityExceeded e
                    ? Optional.of(new AirspaceActivity("P", "test", event.getSequence(), AirspaceActivity.Kind.CAPACITY_EXCEEDED, T0, null, null, null,
                            null, null, null, e.getOccupants(), e.getCapacity()))
                    : Optional.empty();
        }, announce), changes);
        assertThat(seen).extracting(AirspaceEvent::getSequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(changes).extracting(AirspaceActivity::kind).containsExactly(AirspaceActivity.Kind.CAPACITY_EXCEEDED);
    }

    @Test
    void onlyEntriesAndExitsReachTheTrafficProjection() {
        List<AirspaceEvent> seen = through((builder, events, announce) -> AirspaceProjections.Traffic.addTo(builder, event -> {
            events.add(event);
            return Optional.empty();
        }, announce), new ArrayList<>());
        assertThat(seen).extracting(AirspaceEvent::getSequence).containsExactly(1L, 2L, 4L);
    }

    @Test
    void aVolumeAcrossTheAntimeridianHasAWrappedBoxAndContainsPositionsOnBothSides() {
        double[] box = AirspaceGeometry.boundingBox(PACIFIC);
        assertThat(box).containsExactly(-10, 179, 10, -179);
        var geometry = AirspaceGeometry.of(PACIFIC);
        assertThat(geometry.covers(AirspaceGeometry.FACTORY.createPoint(new Coordinate(179.5, 0)))).isTrue();
        assertThat(geometry.covers(AirspaceGeometry.FACTORY.createPoint(new Coordinate(-179.5, 0)))).isTrue();
        assertThat(geometry.covers(AirspaceGeometry.FACTORY.createPoint(new Coordinate(0, 0)))).isFalse();
        assertThat(new AirspaceArea(-5, -179.8, 5, -179.6).overlaps(box[0], box[1], box[2], box[3])).isTrue();
        assertThat(new AirspaceArea(-5, 170, 5, 178).overlaps(box[0], box[1], box[2], box[3])).isFalse();
        assertThat(new AirspaceArea(-5, 170, 5, -170).overlaps(box[0], box[1], box[2], box[3])).isTrue();
    }

    @Test
    void theBoundaryIsServedAsGeoJson() {
        assertThat(AirspaceGeometry.geoJson(definition(0, 0, 0, 1, 1, 1, 0, 0)))
                .isEqualTo("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0.0,0.0],[1.0,0.0],[1.0,1.0],[0.0,0.0]]]]}");
    }
}
