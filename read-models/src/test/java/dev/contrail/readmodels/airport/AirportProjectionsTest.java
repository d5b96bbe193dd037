package dev.contrail.readmodels.airport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.airport.AirportChanged;
import dev.contrail.schemas.airport.AirportData;
import dev.contrail.schemas.airport.AirportEvent;
import dev.contrail.schemas.airport.AirportRegistered;
import dev.contrail.schemas.airport.AirportType;
import dev.contrail.schemas.airport.ArrivalRecorded;
import dev.contrail.schemas.airport.DepartureRecorded;
import dev.contrail.schemas.airport.MovementData;
import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.SquawkChanged;
import dev.contrail.schemas.kafka.AvroSerde;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three Airport projections' topologies against in-memory writers with the same rules as the JDBC ones. */
class AirportProjectionsTest {

    private static final Instant AT = Instant.parse("2023-03-14T14:20:57Z");

    @TempDir
    Path stateDir;

    @Test
    void airportsKeepTheLatestDataAndIgnoreMovementsAndOlderSequences() {
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        AirportWriter writer = (ident, sequence, airport) -> {
            if (sequences.getOrDefault(ident, -1L) >= sequence) {
                return false;
            }
            sequences.put(ident, sequence);
            names.put(ident, airport.getName());
            return true;
        };
        run(builder -> AirportsProjection.addTo(builder, writer), driver -> {
            var in = driver.createInputTopic(Topics.AIRPORT_EVENTS, Serdes.String().serializer(), AvroSerde.of(AirportEvent.class).serializer());
            in.pipeInput("KIAD", event("KIAD", "KIAD", 0, new AirportRegistered(airport("Washington Dulles"))));
            in.pipeInput("KIAD", event("KIAD", "KIAD", 1, new AirportChanged(airport("Dulles"), List.of("name"))));
            in.pipeInput("KIAD", event("KIAD", "KIAD", 0, new AirportRegistered(airport("Washington Dulles"))));
            in.pipeInput("KIAD", event("KIAD", "f1/departure", 0, new DepartureRecorded(movement("f1/departure"))));
        });

        assertThat(names).containsExactly(Map.entry("KIAD", "Dulles"));
    }

    @Test
    void movementsReachTheBoardsAndOnlyNewOnesTheSubscribers() {
        Map<String, AirportMovementView> board = new HashMap<>();
        List<AirportMovementView> announced = new ArrayList<>();
        MovementWriter writer = movement -> board.putIfAbsent(movement.movementId(), movement) == null;
        run(builder -> AirportMovementsProjection.addTo(builder, writer, announced::add), driver -> {
            var in = driver.createInputTopic(Topics.AIRPORT_EVENTS, Serdes.String().serializer(), AvroSerde.of(AirportEvent.class).serializer());
            in.pipeInput("KIAD", event("KIAD", "KIAD", 0, new AirportRegistered(airport("Washington Dulles"))));
            in.pipeInput("KIAD", event("KIAD", "f1/departure", 0, new DepartureRecorded(movement("f1/departure"))));
            in.pipeInput("KIAD", event("KIAD", "f2/arrival", 0, new ArrivalRecorded(movement("f2/arrival"))));
            in.pipeInput("KIAD", event("KIAD", "f1/departure", 0, new DepartureRecorded(movement("f1/departure"))));
        });

        assertThat(board).containsOnlyKeys("f1/departure", "f2/arrival");
        assertThat(board.get("f1/departure").kind()).isEqualTo("DEPARTURE");
        assertThat(board.get("f2/arrival").kind()).isEqualTo("ARRIVAL");
        assertThat(board.get("f2/arrival").runway()).isEqualTo("30");
        assertThat(board.get("f2/arrival").occurredAt()).isEqualTo(AT);
        assertThat(announced).extracting(AirportMovementView::movementId).containsExactly("f1/departure", "f2/arrival");
    }

    @Test
    void flightsTakeTheirAirportsFromMovementsAndTheirCallsignsFromFlightTracking() {
        List<String> written = new ArrayList<>();
        AirportFlightWriter writer = new AirportFlightWriter() {
            @Override
            public void movement(AirportMovementView movement) {
                written.add(movement.kind() + " " + movement.flightId() + " " + movement.airportIdent());
            }

            @Override
            public void callsign(String flightId, String icao24, String callsign, long sequence) {
                written.add("callsign " + flightId + " " + callsign + " @" + sequence);
            }
        };
        run(builder -> AirportFlightsProjection.addTo(builder, writer), driver -> {
            var airports = driver.createInputTopic(Topics.AIRPORT_EVENTS, Serdes.String().serializer(),
                    AvroSerde.of(AirportEvent.class).serializer());
            var flights = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(),
                    AvroSerde.of(FlightTrackingEvent.class).serializer());
            flights.pipeInput("a445ee", flightEvent(0, FlightDetected.newBuilder().setCallsign("UAL1744 ").setOnGround(true).build()));
            flights.pipeInput("a445ee", flightEvent(1, SquawkChanged.newBuilder().setSquawk("1200").build()));
            flights.pipeInput("a445ee", flightEvent(2, FlightDetected.newBuilder().setCallsign(" ").setOnGround(true).build()));
            flights.pipeInput("a445ee", flightEvent(3, CallsignChanged.newBuilder().setPreviousCallsign("UAL1744").setCallsign("UAL1745").build()));
            airports.pipeInput("KIAD", event("KIAD", "a445ee-1/departure", 0, new DepartureRecorded(movement("a445ee-1/departure"))));
        });

        assertThat(written).containsExactly("callsign a445ee-1 UAL1744 @0", "callsign a445ee-1 UAL1745 @3", "DEPARTURE a445ee-1 KIAD");
    }

    private void run(Consumer<StreamsBuilder> topology, Consumer<TopologyTestDriver> test) {
        StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "airport-projections-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            test.accept(driver);
        }
    }

    private static AirportEvent event(String airport, String aggregate, long sequence, Object payload) {
        return AirportEvent.newBuilder().setEventId(aggregate + sequence).setAirportIdent(airport).setAggregateId(aggregate)
                .setSequence(sequence).setOccurredAt(AT).setPayload(payload).build();
    }

    private static FlightTrackingEvent flightEvent(long sequence, Object payload) {
        return FlightTrackingEvent.newBuilder().setEventId("e" + sequence).setIcao24("a445ee").setFlightId("a445ee-1").setSequence(sequence)
                .setOccurredAt(AT).setPayload(payload).build();
    }

    private static AirportData airport(String name) {
        return AirportData.newBuilder().setType(AirportType.LARGE_AIRPORT).setName(name).setLatitude(38.9445).setLongitude(-77.455803)
                .setRunways(List.of()).build();
    }

    private static MovementData movement(String movementId) {
        String flightId = movementId.substring(0, movementId.indexOf('/'));
        return MovementData.newBuilder().setMovementId(movementId).setFlightId(flightId).setIcao24(flightId.split("-")[0]).setCallsign("UAL1744")
                .setRunway("30").setLatitude(38.9348).setLongitude(-77.46).build();
    }
}
