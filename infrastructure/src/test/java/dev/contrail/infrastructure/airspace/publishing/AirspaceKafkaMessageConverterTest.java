package dev.contrail.infrastructure.airspace.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airspace.AircraftEnteredAirspace;
import dev.contrail.domain.airspace.AircraftExitedAirspace;
import dev.contrail.domain.airspace.AircraftPosition;
import dev.contrail.domain.airspace.AirspaceDefined;
import dev.contrail.domain.airspace.AirspaceDefinition;
import dev.contrail.domain.airspace.Boundary;
import dev.contrail.domain.airspace.BoundaryPolygon;
import dev.contrail.domain.airspace.CapacityExceeded;
import dev.contrail.domain.airspace.ExitReason;
import dev.contrail.domain.airspace.GeoPoint;
import dev.contrail.domain.airspace.Ring;
import dev.contrail.domain.airspace.VerticalLimits;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airspace.AirspaceEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class AirspaceKafkaMessageConverterTest {

    private static final Instant T0 = Instant.parse("2023-03-14T14:20:47Z");
    private final AirspaceKafkaMessageConverter converter = new AirspaceKafkaMessageConverter();
    private final AvroSerde<AirspaceEvent> serde = AvroSerde.of(AirspaceEvent.class);

    private static GenericDomainEventMessage<Object> message(long sequence, Object payload) {
        // As the event store holds it (ADR 0021): qualified by the aggregate type, then the volume's source and id.
        return new GenericDomainEventMessage<>("AirspaceVolume", "airspace:vatspy-boundaries.geojson.gz/KZDC", sequence, payload);
    }

    @Test
    void entriesAndExitsAreKeyedByTheAircraftAndEverythingElseByTheVolume() {
        var definition = new AirspaceDefinition("Washington", "vatspy-boundaries.geojson.gz", Boundary.of(new BoundaryPolygon(new Ring(List.of(
                new GeoPoint(38, -78), new GeoPoint(38, -77), new GeoPoint(39, -77), new GeoPoint(38, -78))), List.of())),
                new VerticalLimits(null, 18000.0), 250);
        var position = new AircraftPosition(38.95, -77.45, 1200.0);

        var defined = converter.createKafkaMessage(message(0, new AirspaceDefined("KZDC", definition, T0)), Topics.AIRSPACE_EVENTS);
        var entered = converter.createKafkaMessage(message(1, new AircraftEnteredAirspace("KZDC", "a445ee", "a445ee-1", T0, position, 1)),
                Topics.AIRSPACE_EVENTS);
        var exited = converter.createKafkaMessage(message(2, new AircraftExitedAirspace("KZDC", "a445ee", "a445ee-1", T0, null,
                ExitReason.FLIGHT_LOST, 0)), Topics.AIRSPACE_EVENTS);
        var alert = converter.createKafkaMessage(message(3, new CapacityExceeded("KZDC", T0, 251, 250)), Topics.AIRSPACE_EVENTS);

        assertThat(List.of(defined.key(), entered.key(), exited.key(), alert.key())).containsExactly("KZDC", "a445ee", "a445ee", "KZDC");
        AirspaceEvent definedEvent = serde.deserializer().deserialize(Topics.AIRSPACE_EVENTS, defined.value());
        var published = ((dev.contrail.schemas.airspace.AirspaceDefined) definedEvent.getPayload()).getDefinition();
        assertThat(published.getCeilingM()).isEqualTo(18000.0);
        assertThat(published.getFloorM()).isNull();
        assertThat(published.getPolygons().get(0).getExterior()).hasSize(4);
        AirspaceEvent exitEvent = serde.deserializer().deserialize(Topics.AIRSPACE_EVENTS, exited.value());
        assertThat(exitEvent.getSequence()).isEqualTo(2);
        assertThat(exitEvent.getAirspaceId()).isEqualTo("KZDC");
        assertThat(exitEvent.getSource()).isEqualTo("vatspy-boundaries.geojson.gz");
        assertThat(definedEvent.getSource()).isEqualTo("vatspy-boundaries.geojson.gz");
        assertThat(((dev.contrail.schemas.airspace.AircraftExitedAirspace) exitEvent.getPayload()).getReason())
                .isEqualTo(dev.contrail.schemas.airspace.ExitReason.FLIGHT_LOST);
    }
}
