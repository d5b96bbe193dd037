package dev.contrail.benchmarks.micro;

import dev.contrail.benchmarks.endtoend.ViewportBoxes;
import dev.contrail.benchmarks.traffic.Airport;
import dev.contrail.benchmarks.traffic.Airports;
import dev.contrail.readmodels.flighttracking.BoundingBox;
import dev.contrail.readmodels.flighttracking.LiveFlight;
import dev.contrail.readmodels.flighttracking.LiveFlightUpdates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The cost of fanning live-flight changes out to subscribers (ADR 0030), in-process: how many changes per second the
 * projection's thread can hand on to 1,000 and 10,000 subscriptions, and the CPU it takes in all threads per change,
 * delivery to every matching subscriber included.
 *
 * <ul>
 *   <li>{@code per-subscriber} (before ADR 0030): one multicast sink; every subscriber's conflation (the
 *       {@link Conflation} operator) tests every change of every batch against its box, delivered on a
 *       bounded-elastic worker per subscriber.</li>
 *   <li>{@code indexed} (ADR 0030): {@link LiveFlightUpdates#changesWithin}: a change is looked up in the grid of the
 *       subscribers' areas, offered to the few candidates, delivered on the parallel scheduler.</li>
 * </ul>
 * Traffic: 10,000 aircraft spread within 3° of random large airports, each moving a little per change; subscribers:
 * figure 2's 4°×6° viewports centred on random large airports (the same {@link ViewportBoxes}). Changes are handed on
 * in batches of 1,000 (the live-flights projection hands on one batch per flush). Each subscriber keeps up (requests
 * everything), as a WebSocket session's queue does until its client is slow. CPU is the process's CPU time from the
 * first change until every subscriber has been handed its last one, divided by the changes published.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.contrail.benchmarks.micro.FanOutMeasurement [seconds per case]}.
 */
public final class FanOutMeasurement {

    private static final int AIRCRAFT = 10_000;
    private static final int BATCH = 1_000;
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    private FanOutMeasurement() {
    }

    public static void main(String[] args) throws InterruptedException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<Airport> airports = Airports.bundled();
        System.out.printf("cores %d, %s %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.println("| fan-out | subscriptions | changes/s | CPU µs per change (all threads) | publisher µs per change | deliveries per change |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int subscriptions : new int[] {1_000, 10_000}) {
            for (String variant : List.of("per-subscriber", "indexed")) {
                // One unmeasured pass per case warms the JIT; the second is reported.
                run(variant, subscriptions, airports, Math.max(1, seconds / 2), false);
                run(variant, subscriptions, airports, seconds, true);
            }
        }
    }

    private static void run(String variant, int subscriptions, List<Airport> airports, double seconds, boolean report) throws InterruptedException {
        var boxes = new ViewportBoxes(airports, 20261207L, 4, 6);
        LongAdder delivered = new LongAdder();
        List<Disposable> subscribers = new ArrayList<>();
        Consumer<List<LiveFlight>> publish;
        Scheduler scheduler;
        if (variant.equals("indexed")) {
            scheduler = Schedulers.newParallel("fan-out", Runtime.getRuntime().availableProcessors());
            var updates = new LiveFlightUpdates(scheduler);
            for (int i = 0; i < subscriptions; i++) {
                subscribers.add(subscribe(updates.changesWithin(box(boxes.next())), delivered));
            }
            publish = updates::acceptAll;
        } else {
            scheduler = Schedulers.newBoundedElastic(10 * Runtime.getRuntime().availableProcessors(), Integer.MAX_VALUE, "fan-out");
            Sinks.Many<List<LiveFlight>> sink = Sinks.many().multicast().directBestEffort();
            for (int i = 0; i < subscriptions; i++) {
                BoundingBox box = box(boxes.next());
                Function<Flux<List<LiveFlight>>, Flux<LiveFlight>> conflation = Conflation.latestPerKeyOfBatches(LiveFlight::icao24,
                        flight -> box.contains(flight.latitude(), flight.longitude()), scheduler);
                subscribers.add(subscribe(sink.asFlux().transform(conflation), delivered));
            }
            publish = changes -> {
                synchronized (sink) {
                    sink.tryEmitNext(changes);
                }
            };
        }
        var traffic = new Traffic(airports);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long publisherStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long changes = 0;
        while (System.nanoTime() < end) {
            publish.accept(traffic.nextBatch());
            changes += BATCH;
        }
        long publishing = System.nanoTime() - start;
        long publisherCpu = threads.getCurrentThreadCpuTime() - publisherStart;
        // Until every subscriber has had its last change: the delivery count stays put.
        long last = -1;
        while (delivered.sum() != last) {
            last = delivered.sum();
            Thread.sleep(200);
        }
        long cpu = os.getProcessCpuTime() - cpuStart; // the last 200 ms of waiting cost next to nothing
        subscribers.forEach(Disposable::dispose);
        scheduler.dispose();
        if (report) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.2f | %.2f | %.2f |%n", variant, subscriptions, changes / (publishing / 1e9),
                    cpu / 1e3 / changes, publisherCpu / 1e3 / changes, delivered.sum() / (double) changes);
        }
    }

    private static Disposable subscribe(Flux<LiveFlight> changes, LongAdder delivered) {
        var subscriber = new BaseSubscriber<LiveFlight>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(LiveFlight value) {
                delivered.increment();
            }
        };
        changes.subscribe(subscriber);
        return subscriber;
    }

    private static BoundingBox box(ViewportBoxes.Box box) {
        return new BoundingBox(box.south(), box.west(), box.north(), box.east());
    }

    /** 10,000 aircraft near large airports, each nudged on every change; batches of {@value #BATCH} changes. */
    private static final class Traffic {
        private final String[] icao24 = new String[AIRCRAFT];
        private final double[] latitude = new double[AIRCRAFT];
        private final double[] longitude = new double[AIRCRAFT];
        private final SplittableRandom random = new SplittableRandom(20261207L);
        private int next;
        private long version;

        Traffic(List<Airport> airports) {
            List<Airport> hubs = airports.stream().filter(Airport::large).toList();
            for (int i = 0; i < AIRCRAFT; i++) {
                Airport hub = hubs.get(random.nextInt(hubs.size()));
                icao24[i] = "%06x".formatted(0xa00000 + i);
                latitude[i] = Math.max(-89, Math.min(89, hub.latitude() + random.nextDouble(-3, 3)));
                longitude[i] = Math.max(-179, Math.min(179, hub.longitude() + random.nextDouble(-3, 3)));
            }
        }

        List<LiveFlight> nextBatch() {
            List<LiveFlight> batch = new ArrayList<>(BATCH);
            version++;
            for (int n = 0; n < BATCH; n++) {
                int i = next;
                next = (next + 1) % AIRCRAFT;
                latitude[i] += random.nextDouble(-0.01, 0.01);
                longitude[i] += random.nextDouble(-0.01, 0.01);
                batch.add(new LiveFlight(icao24[i], icao24[i] + "-1", "TEST1", "Test", latitude[i], longitude[i], 10_000.0, 10_050.0,
                        false, 230.0, 90.0, 0.0, "1000", null, T0, T0.plusMillis(version), null, null, false));
            }
            return batch;
        }
    }
}
