package dev.contrail.infrastructure.airport.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.application.airport.AirportIndex;
import dev.contrail.application.airport.MovementRecording;
import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.MovementKind;
import dev.contrail.domain.airport.RecordMovement;
import dev.contrail.domain.airport.Runway;
import dev.contrail.domain.airport.RunwayEnd;
import dev.contrail.infrastructure.kafka.DeadLetterRedrive;
import dev.contrail.infrastructure.kafka.DeadLetterExceptionHandler;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.infrastructure.kafka.StreamsDeadLetters;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.CallsignChanged;
import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Landed;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.TookOff;
import dev.contrail.schemas.kafka.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

class MovementIntakeTopologyTest {

    private static final long T0 = 1_678_803_647L;
    private static final AirportDetails KIAD = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Washington Dulles International Airport",
            38.9445, -77.455803, 95.1, "US", "US-VA", "Dulles", true, "KIAD", "IAD", List.of(new Runway(
            new RunwayEnd("12", 38.94380187988281, -77.49040222167969, null, 110.6),
            new RunwayEnd("30", 38.93360137939453, -77.45590209960938, null, 290.6), 3200.0, 45.0, "CON", true, false)));

    @TempDir
    Path stateDir;

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final List<RecordMovement> commands = new ArrayList<>();
    private final Set<String> recorded = new HashSet<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private boolean failing;
    private int transientFailures;
    private TopologyTestDriver driver;
    private TestInputTopic<String, FlightTrackingEvent> events;
    private final MockProducer<String, byte[]> deadLetters = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private long sequence;

    @BeforeEach
    void startTopology() {
        bus.subscribe(RecordMovement.class.getName(), (CommandMessage<?> message) -> {
            if (failing) {
                throw new IllegalStateException("event store unavailable");
            }
            if (transientFailures > 0) {
                transientFailures--;
                throw new IllegalStateException("append failed", new SQLException("terminating connection due to administrator command", "57P01"));
            }
            RecordMovement command = (RecordMovement) message.getPayload();
            commands.add(command);
            return recorded.add(command.movementId());
        });
        AirportIndex index = new AirportIndex();
        index.put(KIAD);
        StreamsBuilder builder = new StreamsBuilder();
        MovementIntakeTopology.addTo(builder, new MovementRecording(DefaultCommandGateway.builder().commandBus(bus).build(), index),
                MovementIntakeTopology.Metrics.on(meters));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "airport-intake-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        config.put(DeadLetterExceptionHandler.CONFIG, new StreamsDeadLetters(
                new DeadLetterPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> deadLetters)), meters), MovementIntakeTopology.STAGE));
        driver = new TopologyTestDriver(builder.build(), config);
        AvroSerde<FlightTrackingEvent> serde = AvroSerde.of(FlightTrackingEvent.class);
        events = driver.createInputTopic(Topics.FLIGHT_TRACKING_EVENTS, Serdes.String().serializer(), serde.serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void aTakeOffFromDullesIsADepartureWithTheLatestCallsignAndTheRunway() {
        send("a445ee", FlightDetected.newBuilder().setCallsign("UAL17").setOnGround(true).build(), T0);
        send("a445ee", CallsignChanged.newBuilder().setPreviousCallsign("UAL17").setCallsign("UAL1744 ").build(), T0 + 2);
        send("a445ee", TookOff.newBuilder().setPosition(position(38.9348, -77.46, 91.44)).setGroundSpeedMps(36.31).setTrackDeg(290.75).build(),
                T0 + 10);

        assertThat(commands).singleElement().satisfies(command -> {
            assertThat(command.kind()).isEqualTo(MovementKind.DEPARTURE);
            assertThat(command.airportIdent()).isEqualTo("KIAD");
            assertThat(command.runway()).isEqualTo("30");
            assertThat(command.callsign()).isEqualTo("UAL1744");
            assertThat(command.flightId()).isEqualTo("a445ee-" + T0);
            assertThat(command.occurredAt()).isEqualTo(Instant.ofEpochSecond(T0 + 10));
        });
        assertThat(count("recorded", "runway_derived")).isEqualTo(1);
    }

    @Test
    void aRedeliveredLandingMakesNoSecondCommand() {
        var landed = Landed.newBuilder().setPosition(position(38.9355, -77.4622, null)).setGroundSpeedMps(37.04).setTrackDeg(289.69).build();
        send("ac7452", landed, T0);
        // A republish from the event store, or a restart before a commit: the same event, the same sequence.
        sequence--;
        send("ac7452", landed, T0);

        assertThat(commands).extracting(RecordMovement::movementId).containsExactly("ac7452-" + T0 + "/arrival");
        assertThat(count("recorded", "runway_derived")).isEqualTo(1);
    }

    @Test
    void aRedeliveredCallsignDoesNotReplaceTheLatestOne() {
        send("a445ee", FlightDetected.newBuilder().setCallsign("UAL17").setOnGround(true).build(), T0);
        long first = sequence - 1;
        send("a445ee", CallsignChanged.newBuilder().setPreviousCallsign("UAL17").setCallsign("UAL1744").build(), T0 + 2);
        long next = sequence;
        sequence = first;
        send("a445ee", FlightDetected.newBuilder().setCallsign("UAL17").setOnGround(true).build(), T0);
        sequence = next;
        send("a445ee", TookOff.newBuilder().setPosition(position(38.9348, -77.46, 91.44)).setGroundSpeedMps(36.31).setTrackDeg(290.75).build(),
                T0 + 10);

        assertThat(commands).extracting(RecordMovement::callsign).containsExactly("UAL1744");
    }

    @Test
    void aLandingReDrivenToThisStageIsRecordedAgainAndTheAirportCountsItADuplicate() {
        var landed = Landed.newBuilder().setPosition(position(38.9355, -77.4622, null)).setGroundSpeedMps(37.04).setTrackDeg(289.69).build();
        send("ac7452", landed, T0);
        sequence--;
        send("ac7452", landed, T0, DeadLetterRedrive.REDRIVEN_FOR, MovementIntakeTopology.STAGE);
        sequence--;
        send("ac7452", landed, T0, DeadLetterRedrive.REDRIVEN_FOR, "airspace-presence");

        assertThat(commands).extracting(RecordMovement::movementId).containsExactly("ac7452-" + T0 + "/arrival", "ac7452-" + T0 + "/arrival");
        assertThat(count("recorded", "runway_derived")).isEqualTo(1);
        assertThat(count("duplicate", "runway_derived")).isEqualTo(1);
    }

    @Test
    void aLandingFarFromEveryKnownAirportIsCountedNotAttributed() {
        send("c00b98", Landed.newBuilder().setPosition(position(40.0, -75.0, null)).build(), T0);

        assertThat(commands).isEmpty();
        assertThat(count("not_attributed", "no_airport_nearby")).isEqualTo(1);
    }

    @Test
    void aMovementTheAirportRefusesIsDeadLetteredWithItsOriginalBytesAndTheStreamGoesOn() {
        failing = true;
        byte[] original = send("a50c3d", TookOff.newBuilder().setPosition(position(38.9382, -77.4718, 205.74)).setGroundSpeedMps(68.35)
                .setTrackDeg(289.8).build(), T0);
        failing = false;
        send("a448d7", TookOff.newBuilder().setPosition(position(38.935, -77.4608, 91.44)).setGroundSpeedMps(40.7).setTrackDeg(290.73).build(),
                T0 + 1);

        assertThat(deadLetters.history()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.topic()).isEqualTo(Topics.DEAD_LETTERS);
            assertThat(deadLetter.value()).isEqualTo(original);
            assertThat(new String(deadLetter.headers().lastHeader(DeadLetterHeaders.STAGE).value(), UTF_8)).isEqualTo("airport-intake");
            assertThat(new String(deadLetter.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), UTF_8)).isEqualTo(Topics.FLIGHT_TRACKING_EVENTS);
            assertThat(new String(deadLetter.headers().lastHeader(DeadLetterHeaders.REASON).value(), UTF_8))
                    .contains("refused").contains("event store unavailable");
        });
        assertThat(commands).extracting(RecordMovement::icao24).containsExactly("a448d7");
        assertThat(meters.get(DeadLetterPublisher.METRIC).tag("stage", "airport-intake").counter().count()).isEqualTo(1);
    }

    @Test
    void aMovementThatFailsTransientlyIsTriedAgainAndNotDeadLettered() {
        transientFailures = 2;
        send("a448d8", TookOff.newBuilder().setPosition(position(38.935, -77.4608, 91.44)).setGroundSpeedMps(40.7).setTrackDeg(290.73).build(),
                T0);

        assertThat(deadLetters.history()).isEmpty();
        assertThat(commands).extracting(RecordMovement::icao24).containsExactly("a448d8");
        assertThat(transientFailures).isZero();
    }

    private double count(String result, String reason) {
        var counter = meters.find("contrail.airports.movements").tag("result", result).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private byte[] send(String icao24, Object payload, long epochSecond, String... headers) {
        FlightTrackingEvent event = FlightTrackingEvent.newBuilder()
                .setEventId("e" + sequence)
                .setIcao24(icao24)
                .setFlightId(icao24 + "-" + T0)
                .setSequence(sequence++)
                .setOccurredAt(Instant.ofEpochSecond(epochSecond))
                .setPayload(payload)
                .build();
        var record = new TestRecord<>(icao24, event);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        events.pipeInput(record);
        return AvroSerde.of(FlightTrackingEvent.class).serialize(Topics.FLIGHT_TRACKING_EVENTS, event);
    }

    private static Position position(double latitude, double longitude, Double altitude) {
        return Position.newBuilder().setLatitude(latitude).setLongitude(longitude).setBarometricAltitudeM(altitude).build();
    }
}
