package dev.contrail.infrastructure.airport.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airport.AirportChanged;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportRegistered;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.ArrivalRecorded;
import dev.contrail.domain.airport.DepartureRecorded;
import dev.contrail.domain.airport.Runway;
import dev.contrail.domain.airport.RunwayEnd;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.kafka.AvroSerde;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AirportEventMapperTest {

    private static final Instant AT = Instant.parse("2023-03-14T14:20:57Z");
    private static final AirportDetails KIAD = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Washington Dulles International Airport",
            38.9445, -77.455803, 95.1, "US", "US-VA", "Dulles", true, "KIAD", "IAD", List.of(
            new Runway(new RunwayEnd("12", 38.9438, -77.4904, 94.49, 110.6), new RunwayEnd("30", 38.9336, -77.4559, 87.78, 290.6), 3200.7,
                    45.72, "CON", true, false),
            new Runway(new RunwayEnd("H1", null, null, null, null), null, null, null, null, false, false)));
    private final AvroSerde<AirportEvent> serde = AvroSerde.of(AirportEvent.class);

    @Test
    void everyPublishedEventSurvivesTheContractUnchanged() {
        List<Object> events = List.of(
                new AirportRegistered("KIAD", KIAD),
                new AirportChanged("KIAD", KIAD, List.of("name")),
                new DepartureRecorded("a445ee-1/departure", "KIAD", "30", "a445ee-1", "a445ee", "UAL1744", AT, 38.9348, -77.46),
                new ArrivalRecorded("ac7452-1/arrival", "KIAD", null, "ac7452-1", "ac7452", null, AT, 38.9355, -77.4622));
        for (Object event : events) {
            assertThat(AirportEventMapper.isPublished(event)).isTrue();
            String aggregate = event instanceof DepartureRecorded d ? d.movementId() : event instanceof ArrivalRecorded a ? a.movementId() : "KIAD";
            AirportEvent avro = AirportEventMapper.toIntegrationEvent(event, "id", aggregate, 0, AT).orElseThrow();
            AirportEvent decoded = serde.deserializer().deserialize(Topics.AIRPORT_EVENTS, serde.serializer().serialize(Topics.AIRPORT_EVENTS, avro));
            assertThat(decoded.getAirportIdent()).isEqualTo("KIAD");
            assertThat(AirportEventMapper.toDomainEvent(decoded)).isEqualTo(event);
        }
    }

    @Test
    void otherEventsStayInside() {
        assertThat(AirportEventMapper.isPublished("a string")).isFalse();
        assertThat(AirportEventMapper.toIntegrationEvent("a string", "id", "x", 0, AT)).isEmpty();
    }
}
