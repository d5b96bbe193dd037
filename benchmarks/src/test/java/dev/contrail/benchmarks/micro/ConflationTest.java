package dev.contrail.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The conflating operator with subscribers that ask one value at a time, as Spring GraphQL's WebSocket handler does
 * (it requests the next message only once the last one is sent). reactor-test's StepVerifier is not on this
 * module's test classpath, so {@link Paced} plays the subscriber and the tests control its demand by hand; with
 * {@link Schedulers#immediate()} every hand-out happens inside the call that allows it, which makes the order of
 * events exact.
 */
class ConflationTest {

    private static final List<String> AIRCRAFT = List.of("a00001", "a00002", "a00003");

    /** The state of one aircraft after its {@code version}-th change. */
    record Update(String icao24, int version) {
    }

    private final Sinks.Many<Update> source = Sinks.many().multicast().directBestEffort();

    @Test
    void takesFromEachBatchTheValuesItSelectsAndConflatesThemPerKey() {
        Sinks.Many<List<Update>> batches = Sinks.many().multicast().directBestEffort();
        var subscriber = new Paced(0);
        batches.asFlux().transform(Conflation.latestPerKeyOfBatches(Update::icao24, update -> !update.icao24().equals("a00002"),
                Schedulers.immediate())).subscribe(subscriber);

        batches.tryEmitNext(List.of(new Update("a00001", 1), new Update("a00002", 1), new Update("a00003", 1)));
        batches.tryEmitNext(List.of(new Update("a00002", 2), new Update("a00001", 2)));
        subscriber.requestAll();

        assertThat(subscriber.received).containsExactly(new Update("a00001", 2), new Update("a00003", 1));
    }

    @Test
    void handsEveryValueInOrderToASubscriberThatKeepsUp() {
        var subscriber = subscribe(Schedulers.immediate(), Long.MAX_VALUE);

        emitRounds(100);

        assertThat(subscriber.received).hasSize(300);
        assertThat(subscriber.received).isEqualTo(rounds(100));
    }

    @Test
    void keepsAtMostOneValuePerKeyForASlowSubscriberAndHandsOutTheLatest() {
        var subscriber = subscribe(Schedulers.immediate(), 1);

        emitRounds(100);

        // The one value it asked for before the burst, then nothing until it asks again.
        assertThat(subscriber.received).containsExactly(new Update("a00001", 1));
        // All that waits for it: one value per aircraft, each the latest, in the order they started waiting.
        subscriber.requestAll();
        assertThat(pendingAfter(subscriber)).isEqualTo(AIRCRAFT.size());
        assertThat(subscriber.received).containsExactly(
                new Update("a00001", 1), new Update("a00002", 100), new Update("a00003", 100), new Update("a00001", 100));
    }

    @Test
    void neverHandsAnOlderValueThanTheLatestToASubscriberPacedOneAtATime() {
        var subscriber = subscribe(Schedulers.immediate(), 1);
        Map<String, Integer> latest = new HashMap<>();

        for (int version = 1; version <= 100; version++) {
            for (String icao24 : AIRCRAFT) {
                latest.put(icao24, version);
                source.tryEmitNext(new Update(icao24, version));
                if ((version * AIRCRAFT.size()) % 7 == 0) {
                    // request(1) pacing: one more value now and then, while the source keeps going.
                    int before = subscriber.received.size();
                    subscriber.request(1);
                    assertThat(subscriber.received).hasSize(before + 1);
                    Update handedOut = subscriber.received.get(before);
                    assertThat(handedOut.version()).as("the latest of %s", handedOut.icao24()).isEqualTo(latest.get(handedOut.icao24()));
                }
            }
        }
        subscriber.requestAll();

        assertThat(pendingAfter(subscriber)).as("left waiting once the source is quiet").isLessThanOrEqualTo(AIRCRAFT.size());
        assertThat(lastOf(subscriber.received)).containsExactlyInAnyOrderEntriesOf(Map.of("a00001", 100, "a00002", 100, "a00003", 100));
        assertInOrderPerAircraft(subscriber.received);
    }

    @Test
    void doesNotLetABusyKeyHoldTheOthersBack() {
        var subscriber = subscribe(Schedulers.immediate(), 0);
        source.tryEmitNext(new Update("a00001", 1));
        source.tryEmitNext(new Update("a00002", 1));
        for (int version = 2; version <= 50; version++) {
            source.tryEmitNext(new Update("a00001", version));
        }

        subscriber.request(1);

        assertThat(subscriber.received).containsExactly(new Update("a00001", 50));
        subscriber.request(1);
        assertThat(subscriber.received).containsExactly(new Update("a00001", 50), new Update("a00002", 1));
    }

    @Test
    void handsOutWhatIsPendingBeforeCompleting() {
        var subscriber = subscribe(Schedulers.immediate(), 0);
        emitRounds(3);
        source.tryEmitComplete();

        assertThat(subscriber.completed).isFalse();
        subscriber.request(2);
        assertThat(subscriber.completed).isFalse();
        subscriber.request(1);

        assertThat(subscriber.received).extracting(Update::version).containsExactly(3, 3, 3);
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    void handsOutWhatIsPendingBeforeFailing() {
        var subscriber = subscribe(Schedulers.immediate(), 0);
        emitRounds(2);
        source.tryEmitError(new IllegalStateException("feed closed"));

        assertThat(subscriber.failure.get()).isNull();
        subscriber.request(Long.MAX_VALUE);

        assertThat(subscriber.received).hasSize(3);
        assertThat(subscriber.failure.get()).hasMessage("feed closed");
    }

    @Test
    void stopsListeningToTheSourceWhenTheSubscriberCancels() {
        var subscriber = subscribe(Schedulers.immediate(), 1);
        assertThat(source.currentSubscriberCount()).isEqualTo(1);

        subscriber.cancel();
        emitRounds(1);

        assertThat(source.currentSubscriberCount()).isZero();
        assertThat(subscriber.received).isEmpty();
    }

    @Test
    void aValueThatArrivesAfterTheSubscriberCancelledDoesNotFailTheSource() {
        Scheduler delivery = Schedulers.newSingle("conflation-test");
        try {
            AtomicReference<org.reactivestreams.Subscriber<? super Update>> feed = new AtomicReference<>();
            // A source that hands over one more value after the cancel, as a concurrent emitter can.
            Flux<Update> source = Flux.from(subscriber -> {
                feed.set(subscriber);
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
            });
            var subscriber = new Paced(1);
            source.transform(Conflation.latestPerKey(Update::icao24, delivery)).subscribe(subscriber);

            subscriber.cancel();
            feed.get().onNext(new Update("a00001", 1));

            assertThat(subscriber.received).isEmpty();
            assertThat(subscriber.failure.get()).isNull();
        } finally {
            delivery.dispose();
        }
    }

    @Test
    void aSlowSubscriberOnItsOwnThreadNeitherHoldsUpTheSourceNorFallsBehindTheLatest() throws InterruptedException {
        Scheduler delivery = Schedulers.newSingle("conflation-test");
        try {
            var subscriber = new Paced(1) {
                @Override
                protected void hookOnNext(Update value) {
                    super.hookOnNext(value);
                    sleep(Duration.ofMillis(2)); // a WebSocket client on a bad line
                    request(1);
                }
            };
            source.asFlux().transform(Conflation.latestPerKey(Update::icao24, delivery)).subscribe(subscriber);
            String sourceThread = Thread.currentThread().getName();

            long start = System.nanoTime();
            emitRounds(100);
            Duration emitting = Duration.ofNanos(System.nanoTime() - start);
            source.tryEmitComplete();

            assertThat(subscriber.done.await(10, TimeUnit.SECONDS)).as("completed").isTrue();
            // 300 values at 2 ms each would take 600 ms: the source did not wait for the subscriber.
            assertThat(emitting).isLessThan(Duration.ofMillis(300));
            assertThat(subscriber.threads).doesNotContain(sourceThread).allMatch(name -> name.startsWith("conflation-test"));
            assertThat(subscriber.received.size()).isLessThan(300);
            assertThat(lastOf(subscriber.received)).containsExactlyInAnyOrderEntriesOf(Map.of("a00001", 100, "a00002", 100, "a00003", 100));
            assertInOrderPerAircraft(subscriber.received);
        } finally {
            delivery.dispose();
        }
    }

    private Paced subscribe(Scheduler scheduler, long initialRequest) {
        var subscriber = new Paced(initialRequest);
        source.asFlux().transform(Conflation.latestPerKey(Update::icao24, scheduler)).subscribe(subscriber);
        return subscriber;
    }

    private void emitRounds(int versions) {
        rounds(versions).forEach(source::tryEmitNext);
    }

    /** Every aircraft's versions 1..n, interleaved as live traffic would be: a1 b1 c1 a2 b2 c2 ... */
    private static List<Update> rounds(int versions) {
        List<Update> all = new ArrayList<>();
        for (int version = 1; version <= versions; version++) {
            for (String icao24 : AIRCRAFT) {
                all.add(new Update(icao24, version));
            }
        }
        return all;
    }

    private static Map<String, Integer> lastOf(List<Update> received) {
        Map<String, Integer> last = new HashMap<>();
        received.forEach(update -> last.put(update.icao24(), update.version()));
        return last;
    }

    private static void assertInOrderPerAircraft(List<Update> received) {
        Map<String, Integer> seen = new HashMap<>();
        for (Update update : received) {
            Integer before = seen.put(update.icao24(), update.version());
            assertThat(before == null || before < update.version())
                    .as("%s after version %s of the same aircraft", update, before).isTrue();
        }
    }

    /** What is left for a subscriber once the source is quiet: everything it gets when it asks for all. */
    private static int pendingAfter(Paced subscriber) {
        return subscriber.received.size() - subscriber.handedOutBeforeLastRequest;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A subscriber whose demand the test sets; records what it got and on which threads. */
    private static class Paced extends BaseSubscriber<Update> {
        final List<Update> received = new CopyOnWriteArrayList<>();
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean completed;
        final CountDownLatch done = new CountDownLatch(1);
        volatile int handedOutBeforeLastRequest;
        private final long initialRequest;

        Paced(long initialRequest) {
            this.initialRequest = initialRequest;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (initialRequest > 0) {
                request(initialRequest);
            }
        }

        @Override
        protected void hookOnNext(Update value) {
            received.add(value);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
            done.countDown();
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            failure.set(throwable);
        }

        void requestAll() {
            handedOutBeforeLastRequest = received.size();
            request(Long.MAX_VALUE);
        }
    }
}
