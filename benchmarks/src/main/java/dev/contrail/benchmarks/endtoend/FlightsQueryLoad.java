package dev.contrail.benchmarks.endtoend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Figure 3: {@code flights(within:, first: 100)} over HTTP, as a dashboard asks for the aircraft in its viewport,
 * from a fixed number of concurrent clients, each sending its next query as soon as the previous one is answered.
 */
final class FlightsQueryLoad {

    /** Throughput and latency of the queries; {@code meanEdges} shows they returned aircraft. */
    record Result(int clients, long queries, long failures, double queriesPerSecond, long p50Nanos, long p99Nanos,
                  long maxNanos, double meanEdges) {
    }

    private static final String QUERY = "{ flights(within: %s, first: 100) { edges { node { icao24 } } } }";

    private final URI graphQl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    FlightsQueryLoad(URI graphQl) {
        this.graphQl = graphQl;
    }

    Result run(int clients, Duration duration, Supplier<ViewportBoxes> boxes) throws InterruptedException {
        var samples = new ArrayList<Stats.Samples>();
        var failures = new AtomicLong();
        var edges = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            var clientSamples = new Stats.Samples();
            samples.add(clientSamples);
            ViewportBoxes clientBoxes = boxes.get();
            threads.add(new Thread(() -> {
                while (System.nanoTime() < end) {
                    String body = "{\"query\":\"" + QUERY.formatted(clientBoxes.next().graphQl()) + "\"}";
                    var request = HttpRequest.newBuilder(graphQl)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/graphql-response+json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long elapsed = System.nanoTime() - start;
                        if (response.statusCode() == 200 && response.body().contains("\"edges\"") && !response.body().contains("\"errors\"")) {
                            clientSamples.add(elapsed);
                            edges.addAndGet(occurrences(response.body(), "\"icao24\""));
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "figure-3-client-" + c));
        }
        long elapsed = Stats.runTogether(threads);
        var all = Stats.merged(samples);
        if (all.size() == 0) {
            throw new IllegalStateException("No flights(within:) query succeeded (" + failures.get() + " failed)");
        }
        return new Result(clients, all.size(), failures.get(), KafkaRawLimits.perSecond(all.size(), elapsed),
                all.percentile(50), all.percentile(99), all.max(), (double) edges.get() / all.size());
    }

    static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}
