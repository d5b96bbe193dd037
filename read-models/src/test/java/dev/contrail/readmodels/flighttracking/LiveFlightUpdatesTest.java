package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The shared fan-out of live-flight changes (ADR 0030): matched through the area index, conflated per subscriber,
 * bounded, and never waiting for a subscriber. With {@link Schedulers#immediate()} every hand-out happens inside the
 * call that allows it, which makes the order of events exact.
 */
class LiveFlightUpdatesTest {

    private static final BoundingBox DULLES = new BoundingBox(38.8686, -77.5707, 39.0352, -77.1965);
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void handsEachSubscriberTheChangesInsideItsAreaAndTheAreaLessOneEverything() {
        var updates = new LiveFlightUpdates(Schedulers.immediate());
        var dulles = subscribe(updates, DULLES, Long.MAX_VALUE);
        var world = subscribe(updates, null, Long.MAX_VALUE);

        updates.acceptAll(List.of(
                flight("a00001", 38.95, -77.4, 1),      // inside
                flight("a00002", 38.95, -77.1, 1),      // same cell, east of the box
                flight("a00003", 51.47, -0.45, 1),      // London
                flight("a00004", null, null, 1)));      // no position yet

        assertThat(dulles.icao24s()).containsExactly("a00001");
        assertThat(world.icao24s()).containsExactly("a00001", "a00002", "a00003", "a00004");
    }

    @Test
    void keepsTheLatestStatePerAircraftForASlowSubscriber() {
        var updates = new LiveFlightUpdates(Schedulers.immediate());
        var slow = subscribe(updates, DULLES, 0);
        var fast = subscribe(updates, DULLES, Long.MAX_VALUE);

        for (int version = 1; version <= 50; version++) {
            updates.acceptAll(List.of(flight("a00001", 38.95, -77.4, version), flight("a00002", 38.9, -77.3, version)));
        }

        assertThat(fast.received).hasSize(100);
        assertThat(slow.received).isEmpty();
        slow.request(Long.MAX_VALUE);
        assertThat(slow.received).extracting(LiveFlight::icao24, LiveFlightUpdatesTest::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a00001", 50), org.assertj.core.groups.Tuple.tuple("a00002", 50));
    }

    @Test
    void boundsWhatWaitsForOneSubscriberAndCountsWhatItDrops() {
        var updates = new LiveFlightUpdates(Schedulers.immediate(), 2);
        var stalled = subscribe(updates, null, 0);

        updates.acceptAll(List.of(flight("a00001", 1.0, 1.0, 1), flight("a00002", 1.0, 1.0, 1), flight("a00003", 1.0, 1.0, 1)));
        updates.acceptAll(List.of(flight("a00001", 1.0, 1.0, 2))); // a key already waiting is still replaced

        assertThat(updates.droppedChanges()).isEqualTo(1);
        stalled.request(Long.MAX_VALUE);
        assertThat(stalled.received).extracting(LiveFlight::icao24, LiveFlightUpdatesTest::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a00001", 2), org.assertj.core.groups.Tuple.tuple("a00002", 1));
    }

    @Test
    void forgetsASubscriberThatCancels() {
        var updates = new LiveFlightUpdates(Schedulers.immediate());
        var gone = subscribe(updates, DULLES, Long.MAX_VALUE);
        assertThat(updates.subscribers()).isEqualTo(1);

        gone.cancel();
        updates.acceptAll(List.of(flight("a00001", 38.95, -77.4, 1)));

        assertThat(updates.subscribers()).isZero();
        assertThat(gone.received).isEmpty();
    }

    @Test
    void keepsThePredicateSubscriptionsOfBefore() {
        var updates = new LiveFlightUpdates(Schedulers.immediate());
        var onGround = new Recorder(Long.MAX_VALUE);
        updates.changesOf(LiveFlight::onGround).subscribe(onGround);

        updates.acceptAll(List.of(flight("a00001", 38.95, -77.4, 1)));

        assertThat(onGround.received).isEmpty();
    }

    /**
     * A subscriber whose client is stalled (its sends block, as Spring GraphQL's session sender does on a full socket)
     * holds up neither the publisher nor a subscriber that keeps up: both see the latest state of every aircraft.
     */
    @Test
    void aStalledSubscriberDelaysNeitherThePublisherNorTheOthers() throws InterruptedException {
        Scheduler delivery = Schedulers.newParallel("fan-out-test", 2);
        Scheduler stalledSender = Schedulers.newSingle("stalled-client");
        var unblock = new CountDownLatch(1);
        try {
            var updates = new LiveFlightUpdates(delivery);
            var stalled = new Recorder(Long.MAX_VALUE) {
                @Override
                protected void hookOnNext(LiveFlight value) {
                    super.hookOnNext(value);
                    await(unblock);
                }
            };
            // As Spring's handler does: a bounded queue of requested messages, sent by the session's own thread.
            updates.changesWithin(DULLES).publishOn(stalledSender, 16).subscribe(stalled);
            var fast = new Recorder(Long.MAX_VALUE);
            updates.changesWithin(DULLES).subscribe(fast);

            long start = System.nanoTime();
            int aircraft = 200;
            int versions = 200;
            for (int version = 1; version <= versions; version++) {
                List<LiveFlight> batch = new ArrayList<>();
                for (int i = 0; i < aircraft; i++) {
                    batch.add(flight("a%05d".formatted(i), 38.9 + i * 1e-4, -77.4, version));
                }
                updates.acceptAll(batch);
            }
            Duration publishing = Duration.ofNanos(System.nanoTime() - start);

            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < aircraft; i++) {
                expected.put("a%05d".formatted(i), versions);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!fast.latest().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(fast.latest()).as("the fast subscriber has the latest of every aircraft").isEqualTo(expected);
            assertThat(stalled.received).as("the stalled one is stuck on its first").hasSize(1);
            assertThat(publishing).as("40,000 changes published without waiting").isLessThan(Duration.ofSeconds(20));
            assertThat(fast.threads).allMatch(name -> name.startsWith("fan-out-test"));

            unblock.countDown();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stalled.latest().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stalled.latest()).as("once unstuck, it catches up with the latest, not the backlog").isEqualTo(expected);
            assertThat(stalled.received.size()).isLessThan(aircraft * versions / 10);
            stalled.dispose();
        } finally {
            unblock.countDown();
            stalledSender.dispose();
            delivery.dispose();
        }
    }

    private static Recorder subscribe(LiveFlightUpdates updates, BoundingBox area, long initialRequest) {
        var recorder = new Recorder(initialRequest);
        updates.changesWithin(area).subscribe(recorder);
        return recorder;
    }

    /** An aircraft's state after its {@code version}-th change (the version rides in the ground speed). */
    static LiveFlight flight(String icao24, Double latitude, Double longitude, int version) {
        return new LiveFlight(icao24, icao24 + "-1", "TEST1", "Test", latitude, longitude, 10_000.0, 10_050.0, false,
                (double) version, 90.0, 0.0, "1000", null, T0, T0.plusSeconds(version), null, null, false);
    }

    static int version(LiveFlight flight) {
        return flight.groundSpeedMps().intValue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static class Recorder extends BaseSubscriber<LiveFlight> {
        final List<LiveFlight> received = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        private final long initialRequest;

        Recorder(long initialRequest) {
            this.initialRequest = initialRequest;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (initialRequest > 0) {
                request(initialRequest);
            }
        }

        @Override
        protected void hookOnNext(LiveFlight value) {
            received.add(value);
            threads.add(Thread.currentThread().getName());
        }

        List<String> icao24s() {
            return received.stream().map(LiveFlight::icao24).toList();
        }

        Map<String, Integer> latest() {
            Map<String, Integer> latest = new HashMap<>();
            for (LiveFlight flight : received) {
                latest.put(flight.icao24(), version(flight));
            }
            return latest;
        }
    }
}
