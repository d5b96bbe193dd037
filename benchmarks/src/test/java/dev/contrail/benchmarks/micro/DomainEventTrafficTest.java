package dev.contrail.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.flighttracking.Aircraft;
import dev.contrail.domain.flighttracking.DeclareFlightLost;
import dev.contrail.domain.flighttracking.FlightDetected;
import dev.contrail.domain.flighttracking.FlightLost;
import dev.contrail.domain.flighttracking.PositionReported;
import dev.contrail.domain.flighttracking.RecordObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

class DomainEventTrafficTest {

    private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");

    @Test
    void theSameAircraftSeedAndStartGiveTheSameCommands() {
        var one = new DomainEventTraffic(300, 7, START);
        var other = new DomainEventTraffic(300, 7, START);
        List<Object> first = one.next(10_000);

        assertThat(other.next(10_000)).isEqualTo(first);
        assertThat(one.commands()).isEqualTo(10_000);
        assertThat(new DomainEventTraffic(300, 8, START).next(10_000)).isNotEqualTo(first);
    }

    @Test
    void anAircraftReportsEveryThirtySecondsFromAMovedPositionThenFallsSilentAndIsDeclaredLost() {
        var traffic = new DomainEventTraffic(3, 7, START);
        List<Object> ofA00000 = traffic.next(300).stream().filter(command -> icao24(command).equals("a00000")).toList();

        // Aircraft 0 starts its cycle in the first round: 20 reports, 10 silent rounds, then the declaration.
        for (int n = 1; n < DomainEventTraffic.REPORTS_PER_FLIGHT; n++) {
            var previous = (RecordObservation) ofA00000.get(n - 1);
            var report = (RecordObservation) ofA00000.get(n);
            assertThat(Duration.between(previous.observation().observedAt(), report.observation().observedAt())).isEqualTo(Duration.ofSeconds(30));
            assertThat(report.observation().position()).isNotEqualTo(previous.observation().position());
            assertThat(report.recentTrack()).hasSize(Math.min(n, DomainEventTraffic.RECENT_TRACK_POINTS))
                    .last().satisfies(point -> assertThat(point.position()).isEqualTo(previous.observation().position()));
        }
        var last = (RecordObservation) ofA00000.get(DomainEventTraffic.REPORTS_PER_FLIGHT - 1);
        var lost = (DeclareFlightLost) ofA00000.get(DomainEventTraffic.REPORTS_PER_FLIGHT);
        assertThat(lost.lastContactAt()).isEqualTo(last.observation().observedAt());
        assertThat(Duration.between(lost.lastContactAt(), lost.now())).isGreaterThan(Duration.ofMinutes(5));
        var again = (RecordObservation) ofA00000.get(DomainEventTraffic.REPORTS_PER_FLIGHT + 1);
        assertThat(again.observation().observedAt()).isAfter(lost.now());
    }

    /** The premise of the measurement's figures: the real aggregate applies exactly one event per command. */
    @Test
    void everyCommandMakesTheAircraftApplyExactlyOneEvent() {
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Aircraft.class)
                .buildConfiguration();
        axon.start();
        try {
            var traffic = new DomainEventTraffic(50, 7, START);
            // Over 70 rounds: every aircraft's cycle twice, wherever it starts.
            int commands = 2_500;
            for (int n = 0; n < commands; n++) {
                axon.commandGateway().sendAndWait(traffic.next());
            }

            Map<Class<?>, Integer> events = new HashMap<>();
            List<TrackedEventMessage<?>> all = new ArrayList<>();
            try (BlockingStream<TrackedEventMessage<?>> stream = axon.eventStore().openStream(null)) {
                while (stream.hasNextAvailable()) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    all.add(event);
                    events.merge(event.getPayloadType(), 1, Integer::sum);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(all).hasSize(commands);
            assertThat(events).containsOnlyKeys(FlightDetected.class, PositionReported.class, FlightLost.class);
            assertThat(events.get(FlightLost.class)).isGreaterThanOrEqualTo(50);
            assertThat(events.get(FlightDetected.class)).isGreaterThan(50);
        } finally {
            axon.shutdown();
        }
    }

    private static String icao24(Object command) {
        return command instanceof RecordObservation report ? report.icao24() : ((DeclareFlightLost) command).icao24();
    }
}
