package dev.contrail.infrastructure.flighttracking.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.application.flighttracking.ObservationIntake;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.RecordObservation;
import dev.contrail.domain.flighttracking.TrackingPolicy;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.kafka.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeTopologyTest {

    private static final Duration LOST_AFTER = Duration.ofMinutes(5);
    private static final long T0 = 1_678_803_647L;

    private final List<Object> commands = new ArrayList<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IntakeTopology.Metrics metrics = IntakeTopology.Metrics.on(meters);
    private boolean failing;
    private String poisoned;
    private TopologyTestDriver driver;
    private TestInputTopic<String, AircraftObservation> observations;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    // What the application's consumer runs before it commits offsets (the runtime's FlushBeforeCommit).
    private final List<Runnable> beforeCommit = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record DeadLetter(String topic, int partition, long offset, String key, String reason, byte[] observation) {
    }

    @BeforeEach
    void startTopology() {
        bus.subscribe(RecordObservation.class.getName(), this::receive);
        bus.subscribe(DeclareFlightLost.class.getName(), this::receive);
        StreamsBuilder builder = new StreamsBuilder();
        IntakeTopology.addTo(builder, new ObservationIntake(DefaultCommandGateway.builder().commandBus(bus).build()), LOST_AFTER,
                metrics, (topic, partition, offset, key, reason, observation) ->
                        deadLetters.add(new DeadLetter(topic, partition, offset, new String(key, StandardCharsets.UTF_8), reason, observation)),
                flush -> {
                    beforeCommit.add(flush);
                    return () -> beforeCommit.remove(flush);
                });
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "intake-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config);
        AvroSerde<AircraftObservation> serde = AvroSerde.of(AircraftObservation.class);
        observations = driver.createInputTopic(Topics.FLIGHT_TRACKING_OBSERVATIONS, Serdes.String().serializer(), serde.serializer());
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    @Test
    void theFirstObservationOfAnAircraftBecomesACommand() {
        send(airborne("a65527", T0));

        assertThat(commands).singleElement().isInstanceOfSatisfying(RecordObservation.class,
                command -> assertThat(command.observation().observedAt()).isEqualTo(Instant.ofEpochSecond(T0)));
    }

    @Test
    void aNewPositionWithinTheReportIntervalStaysInTheObservationStream() {
        send(airborne("a65527", T0));
        send(airborne("a65527", T0 + 5).setLatitude(38.9));

        assertThat(commands).hasSize(1);
        assertThat(metrics.observations().count()).isEqualTo(2.0);
        assertThat(metrics.commands().count()).isEqualTo(1.0);
    }

    @Test
    void aChangeOfGroundStateBecomesACommandAtOnce() {
        send(airborne("a65527", T0));
        send(airborne("a65527", T0 + 5).setOnGround(true));

        assertThat(commands).hasSize(2);
    }

    @Test
    void theReportAfterATouchdownIsSentAtOnceForItDecidesTheTouchdownButTheTaxiAfterItIsNot() {
        // ADR 0022: the aircraft records a landing only when the report after the touchdown agrees with it. Withheld for
        // the 30-s position interval, a capture's last landings waited for the flight to be declared lost.
        send(airborne("c00b98", T0).setLatitude(38.9325).setLongitude(-77.4523));
        send(airborne("c00b98", T0 + 6).setOnGround(true).setGroundSpeedMps(65.0).setLatitude(38.9355).setLongitude(-77.4622));
        send(airborne("c00b98", T0 + 16).setOnGround(true).setGroundSpeedMps(10.0).setLatitude(38.9360).setLongitude(-77.4655));
        send(airborne("c00b98", T0 + 26).setOnGround(true).setGroundSpeedMps(8.0).setLatitude(38.9362).setLongitude(-77.4665));

        assertThat(commands).extracting(command -> ((RecordObservation) command).observation().observedAt().getEpochSecond())
                .containsExactly(T0, T0 + 6, T0 + 16);
    }

    @Test
    void theTouchdownCarriesThePositionsTheIntakeDidNotSendBecauseNothingChanged() {
        // ADR 0023: the aircraft records positions only every 30 s; its approach comes from the intake's memory.
        send(airborne("c00b98", T0).setLatitude(38.9287).setLongitude(-77.4390));
        send(airborne("c00b98", T0 + 6).setLatitude(38.9307).setLongitude(-77.4457));
        send(airborne("c00b98", T0 + 12).setLatitude(38.9325).setLongitude(-77.4523));
        send(airborne("c00b98", T0 + 12).setLatitude(38.9325).setLongitude(-77.4523)); // a repeat: not worth a second point
        send(airborne("c00b98", T0 + 18).setOnGround(true).setLatitude(38.9398).setLongitude(-77.4727));

        assertThat(commands).hasSize(2);
        assertThat(commands.get(1)).isInstanceOfSatisfying(RecordObservation.class, command -> {
            assertThat(command.observation().onGround()).isTrue();
            assertThat(command.recentTrack()).extracting(point -> point.position().longitude()).containsExactly(-77.4390, -77.4457, -77.4523);
            assertThat(command.recentTrack()).extracting(point -> point.observedAt().getEpochSecond()).containsExactly(T0, T0 + 6, T0 + 12);
        });
    }

    @Test
    void theRecentTrackKeepsTheLastPointsWithinItsSpan() {
        for (int i = 0; i < TrackingPolicy.RECENT_TRACK_POINTS + 5; i++) {
            send(airborne("a65527", T0 + i).setLatitude(38.0 + i / 1000.0));
        }
        send(airborne("a65527", T0 + TrackingPolicy.RECENT_TRACK_POINTS + 5).setOnGround(true));

        RecordObservation last = (RecordObservation) commands.get(commands.size() - 1);
        assertThat(last.recentTrack()).hasSize(TrackingPolicy.RECENT_TRACK_POINTS);
        assertThat(last.recentTrack().get(0).observedAt().getEpochSecond()).isEqualTo(T0 + 5);

        send(airborne("a65527", T0 + TrackingPolicy.RECENT_TRACK_SPAN.toSeconds() + 60).setLatitude(39.0));
        RecordObservation afterAGap = (RecordObservation) commands.get(commands.size() - 1);
        assertThat(afterAGap.recentTrack()).as("points older than the span are not told").isEmpty();
    }

    @Test
    void anAircraftSilentForLongerThanTheLimitIsDeclaredLostOnStreamTime() {
        send(airborne("a65527", T0));
        send(airborne("a34d98", T0 + 60));
        assertThat(commands).noneMatch(DeclareFlightLost.class::isInstance);

        // Another aircraft's observation moves stream time past a65527's last contact + 5 minutes.
        send(airborne("a34d98", T0 + LOST_AFTER.toSeconds() + 60));

        assertThat(commands).filteredOn(DeclareFlightLost.class::isInstance).singleElement()
                .isEqualTo(new DeclareFlightLost("a65527", Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + LOST_AFTER.toSeconds() + 60)));
    }

    @Test
    void anAircraftHeardFromAgainAfterItWasLostIsRecordedAgain() {
        send(airborne("a65527", T0));
        send(airborne("a34d98", T0 + LOST_AFTER.toSeconds() + 60));
        commands.clear();

        send(airborne("a65527", T0 + LOST_AFTER.toSeconds() + 65));

        assertThat(commands).singleElement().isInstanceOf(RecordObservation.class);
    }

    @Test
    void anObservationWhoseCommandKeepsFailingIsDeadLetteredAndTheStreamGoesOn() {
        failing = true;
        AircraftObservation poisoned = airborne("a65527", T0).build();
        send(AircraftObservation.newBuilder(poisoned));
        failing = false;
        send(airborne("a34d98", T0 + 1));

        var deadLetter = deadLetters.get(0);
        assertThat(AvroSerde.of(AircraftObservation.class).deserializer().deserialize(Topics.FLIGHT_TRACKING_OBSERVATIONS, deadLetter.observation()))
                .isEqualTo(poisoned);
        assertThat(deadLetter.reason()).contains("event store unavailable");
        // Where it was read, so that it can be found and re-driven (ADR 0028).
        assertThat(deadLetter.topic()).isEqualTo(Topics.FLIGHT_TRACKING_OBSERVATIONS);
        assertThat(deadLetter.partition()).isZero();
        assertThat(deadLetter.offset()).isZero();
        assertThat(deadLetter.key()).isEqualTo("a65527");
        assertThat(deadLetters).hasSize(1);
        assertThat(commands).singleElement().isInstanceOfSatisfying(RecordObservation.class,
                command -> assertThat(command.icao24()).isEqualTo("a34d98"));
    }

    @Test
    void commandsStagedWithinOneFlushIntervalAreSentTogetherAsOneUnitOfWork() {
        stage(airborne("a65527", T0));
        stage(airborne("a34d98", T0));
        stage(airborne("a65527", T0 + 5).setOnGround(true));
        assertThat(commands).as("nothing is sent before the batch is due").isEmpty();

        driver.advanceWallClockTime(Duration.ofMillis(IntakeTopology.FLUSH_EVERY_MS));

        assertThat(commands).extracting(command -> ((RecordObservation) command).icao24()).containsExactly("a65527", "a34d98", "a65527");
        assertThat(metrics.batches().count()).isEqualTo(1.0);
        assertThat(metrics.commands().count()).isEqualTo(3.0);
    }

    @Test
    void whatIsStagedIsSentBeforeTheConsumerCommitsTheOffsetsBehindIt() {
        stage(airborne("a65527", T0));
        assertThat(commands).isEmpty();

        beforeCommit.forEach(Runnable::run); // what the guarded consumer does before commitSync

        assertThat(commands).singleElement().isInstanceOf(RecordObservation.class);
    }

    @Test
    void theChangeloggedLastRecordedStateNeverClaimsAnObservationWhoseCommandWasNotSent() {
        KeyValueStore<String, AircraftObservation> lastRecorded = driver.getKeyValueStore(IntakeTopology.LAST_RECORDED_STORE);
        stage(airborne("a65527", T0));
        assertThat(commands).isEmpty();
        // A crash now restores the store from its changelog and processes the observation again: if the store already
        // held it, the observation would be judged "already recorded" and its command skipped for good.
        assertThat(lastRecorded.get("a65527")).as("last recorded before the command was sent").isNull();

        stage(airborne("a65527", T0 + 5).setLatitude(38.9));
        assertThat(commands).as("judged against the staged observation, not the store").isEmpty();

        beforeCommit.forEach(Runnable::run);
        assertThat(commands).singleElement().isInstanceOf(RecordObservation.class);
        stage(airborne("a65527", T0 + 10).setLatitude(38.95));

        assertThat(lastRecorded.get("a65527")).as("stored once sent").isNotNull()
                .satisfies(stored -> assertThat(stored.getObservedAt()).isEqualTo(Instant.ofEpochSecond(T0)));
        assertThat(commands).hasSize(1);
    }

    @Test
    void aFailingBatchIsSentAgainOneCommandAtATimeSoOnlyThePoisonedObservationIsDeadLettered() {
        poisoned = "a65527";
        stage(airborne("a34d98", T0));
        stage(airborne("a65527", T0));
        stage(airborne("a11111", T0));

        driver.advanceWallClockTime(Duration.ofMillis(IntakeTopology.FLUSH_EVERY_MS));

        assertThat(deadLetters).singleElement().satisfies(deadLetter -> assertThat(deadLetter.reason()).contains("a65527"));
        // Without a transaction manager nothing rolls back, so the first attempt's a34d98 shows up twice: with one
        // (production), the failed batch stores nothing, and each aircraft records its observation once.
        assertThat(commands).extracting(command -> ((RecordObservation) command).icao24()).endsWith("a34d98", "a11111");
        assertThat(deadLetters).singleElement().satisfies(deadLetter -> assertThat(deadLetter.offset()).isEqualTo(1L));
    }

    private Object receive(CommandMessage<?> command) {
        if (command.getPayload() instanceof RecordObservation record && record.icao24().equals(poisoned)) {
            throw new IllegalStateException("cannot record " + poisoned);
        }
        if (failing) {
            throw new IllegalStateException("event store unavailable");
        }
        commands.add(command.getPayload());
        return null;
    }

    /** Sends one observation and lets its batch come due: each observation its own batch. */
    private void send(AircraftObservation.Builder observation) {
        stage(observation);
        driver.advanceWallClockTime(Duration.ofMillis(IntakeTopology.FLUSH_EVERY_MS));
    }

    private void stage(AircraftObservation.Builder observation) {
        AircraftObservation value = observation.build();
        observations.pipeInput(value.getIcao24(), value);
    }

    private static AircraftObservation.Builder airborne(String icao24, long epochSecond) {
        return AircraftObservation.newBuilder()
                .setIcao24(icao24)
                .setObservedAt(Instant.ofEpochSecond(epochSecond))
                .setPositionAt(Instant.ofEpochSecond(epochSecond))
                .setCallsign("NKS2003")
                .setLatitude(38.8778)
                .setLongitude(-77.3974)
                .setBarometricAltitudeM(7010.4)
                .setOnGround(false)
                .setGroundSpeedMps(187.84)
                .setSquawk("0260")
                .setSource("test");
    }
}
