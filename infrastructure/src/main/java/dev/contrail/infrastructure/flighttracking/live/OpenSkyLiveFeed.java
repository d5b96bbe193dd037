package dev.contrail.infrastructure.flighttracking.live;

import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.MalformedSnapshotException;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.Snapshot;
import dev.contrail.infrastructure.flighttracking.ingest.SnapshotHandOver;
import dev.contrail.infrastructure.flighttracking.live.OpenSkyStatesClient.StatesResponse;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClientException;

/**
 * Polls OpenSky's live {@code /states/all} and sends every state vector to the raw topic, keyed by icao24, exactly
 * as the capture replay does; refinement downstream cannot tell the two apart except by {@code source}.
 *
 * <p>It polls from its own thread, at the pace {@link PollingPolicy} sets from the resolution and the daily credit
 * budget, and slows down on its own when OpenSky is out of credits (429), failing (5xx) or unreachable; nothing it
 * does can hold up the rest of the application. An answer that is not a snapshot at all is dead-lettered with its
 * bytes (stage {@value #STAGE}), as are single rows that are not state vectors. Expected failures are logged as one
 * line each, without a stack trace: an outage of OpenSky is an operational fact, not a bug.
 */
public class OpenSkyLiveFeed implements SmartLifecycle {

    static final String STAGE = "live";
    /** The {@code source} of every state vector and dead letter from this feed (see the OpenSkyStateVector schema). */
    static final String SOURCE = "live:opensky";
    static final String RETRY_AFTER_SECONDS_HEADER = "X-Rate-Limit-Retry-After-Seconds";
    static final String REMAINING_CREDITS_HEADER = "X-Rate-Limit-Remaining";
    static final String REQUESTS_METRIC = "contrail.opensky.live.requests";
    static final String STATE_VECTORS_METRIC = "contrail.opensky.live.state.vectors";
    static final String REMAINING_CREDITS_METRIC = "contrail.opensky.live.credits.remaining";
    static final String NEXT_POLL_METRIC = "contrail.opensky.live.next.poll.delay";

    private static final Logger log = LoggerFactory.getLogger(OpenSkyLiveFeed.class);

    /** How a poll ended; the {@code outcome} tag of {@value #REQUESTS_METRIC}. */
    enum Outcome {
        /** A snapshot was received and published. */
        SUCCESS,
        /** 200, but the body is not a snapshot: dead-lettered. */
        MALFORMED,
        /** 429: the daily credits are used up. */
        RATE_LIMITED,
        /** 401/403: OpenSky refused the token or the anonymous request. */
        UNAUTHORIZED,
        /** Any other 4xx, e.g. a bounding box OpenSky does not accept. */
        CLIENT_ERROR,
        /** 5xx. */
        SERVER_ERROR,
        /** The request did not complete: connection refused, timeout, reset. */
        IO_ERROR,
        /** No access token could be had from the token endpoint. */
        TOKEN_ERROR,
        /** The snapshot was received but could not be handed to Kafka. */
        PUBLISH_ERROR,
        /** Anything unexpected, i.e. a bug: logged with its stack trace. */
        ERROR;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final OpenSkyLiveProperties properties;
    private final OpenSkyStatesClient opensky;
    private final PollingPolicy policy;
    private final KafkaTemplate<String, OpenSkyStateVector> raw;
    private final DeadLetterPublisher deadLetters;
    private final OpenSkyStatesParser parser = new OpenSkyStatesParser();
    private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);
    private final Counter published;
    private volatile double remainingCredits = Double.NaN;
    private volatile double nextPollSeconds = Double.NaN;
    private volatile @Nullable ScheduledExecutorService scheduler;
    private volatile boolean running;
    private volatile boolean stopping;

    OpenSkyLiveFeed(OpenSkyLiveProperties properties, OpenSkyStatesClient opensky, PollingPolicy policy,
                           KafkaTemplate<String, OpenSkyStateVector> raw, DeadLetterPublisher deadLetters, MeterRegistry meters) {
        this.properties = properties;
        this.opensky = opensky;
        this.policy = policy;
        this.raw = raw;
        this.deadLetters = deadLetters;
        for (Outcome outcome : Outcome.values()) {
            // Registered up front so that dashboards see every outcome at 0 rather than a missing series.
            requests.put(outcome, Counter.builder(REQUESTS_METRIC)
                    .description("Requests to OpenSky's /states/all, by how they ended")
                    .tag("outcome", outcome.tag())
                    .register(meters));
        }
        this.published = Counter.builder(STATE_VECTORS_METRIC)
                .description("State vectors received live from OpenSky and sent to " + Topics.OPENSKY_STATE_VECTORS)
                .register(meters);
        Gauge.builder(REMAINING_CREDITS_METRIC, this, feed -> feed.remainingCredits)
                .description("OpenSky API credits left today, as OpenSky last reported them (X-Rate-Limit-Remaining); NaN until it does")
                .strongReference(true)
                .register(meters);
        Gauge.builder(NEXT_POLL_METRIC, this, feed -> feed.nextPollSeconds)
                .description("Seconds the live feed waits before its next poll: the budget interval, or longer while backing off")
                .baseUnit("seconds")
                .strongReference(true)
                .register(meters);
    }

    /**
     * Asks OpenSky once, publishes what it answered and returns how long to wait before asking again. Never throws
     * for what OpenSky or the network can do; the scheduling around it also survives the rest.
     */
    Duration poll() {
        StatesResponse response;
        try {
            response = opensky.fetchStates();
        } catch (OAuth2AuthorizationException e) {
            return failed(Outcome.TOKEN_ERROR, "no access token from " + properties.tokenUri() + ": " + e.getMessage());
        } catch (RestClientException e) {
            if (stopping) {
                return policy.pollInterval(); // stop() interrupted the request: not a failure worth a warning
            }
            return failed(Outcome.IO_ERROR, oneLine(e));
        }
        noteRemainingCredits(response.remainingCredits());
        int status = response.status().value();
        if (status == 200) {
            return received(response.body());
        }
        if (status == 429) {
            return rateLimited(response);
        }
        String answered = "HTTP " + status + " from /states/all" + bodyExcerpt(response.body());
        if (status == 401 || status == 403) {
            return failed(Outcome.UNAUTHORIZED, answered + (properties.authenticated()
                    ? " (access token refused; a new one is fetched next poll)" : " to an anonymous request"));
        }
        if (response.status().is5xxServerError()) {
            return failed(Outcome.SERVER_ERROR, answered);
        }
        return failed(Outcome.CLIENT_ERROR, answered);
    }

    private Duration received(byte[] body) {
        Snapshot snapshot;
        try {
            snapshot = parser.parse(body, SOURCE);
        } catch (MalformedSnapshotException e) {
            deadLetters.publish(STAGE, SOURCE, "malformed snapshot: " + e.getMessage(), body);
            return failed(Outcome.MALFORMED, "HTTP 200 from /states/all, but not a snapshot (dead-lettered): " + e.getMessage());
        }
        try {
            publish(snapshot);
        } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
            return failed(Outcome.PUBLISH_ERROR, "snapshot " + snapshot.time() + " could not be sent to Kafka: " + e.getMessage());
        }
        requests.get(Outcome.SUCCESS).increment();
        if (policy.consecutiveFailures() > 0) {
            log.info("OpenSky live feed back after {} failed polls", policy.consecutiveFailures());
        }
        log.debug("OpenSky snapshot {}: {} state vectors, {} rejected rows", snapshot.time(), snapshot.stateVectors().size(),
                snapshot.rejected().size());
        return policy.afterSuccess();
    }

    /** Refinement does the rest, including dropping the repeats that a poll faster than OpenSky's refresh brings. */
    private void publish(Snapshot snapshot) {
        published.increment(SnapshotHandOver.handOver(snapshot, STAGE, UnaryOperator.identity(), raw, deadLetters));
    }

    private Duration rateLimited(StatesResponse response) {
        requests.get(Outcome.RATE_LIMITED).increment();
        if (response.remainingCredits() == null) {
            remainingCredits = 0; // refused for lack of credits: whatever the last count said, none are left
        }
        Duration retryAfter = seconds(response.retryAfterSeconds());
        Duration next = policy.afterRateLimited(retryAfter);
        log.warn("OpenSky refused the poll: daily API credits used up (HTTP 429, {}: {}); next poll in {}",
                RETRY_AFTER_SECONDS_HEADER, response.retryAfterSeconds(), readable(next));
        return next;
    }

    private Duration failed(Outcome outcome, @Nullable String why) {
        requests.get(outcome).increment();
        Duration next = policy.afterFailure();
        log.warn("OpenSky live feed: {}; next poll in {} ({} failed in a row)", why, readable(next), policy.consecutiveFailures());
        return next;
    }

    private void noteRemainingCredits(@Nullable String header) {
        if (header == null) {
            return;
        }
        try {
            remainingCredits = Double.parseDouble(header.trim());
        } catch (NumberFormatException e) {
            log.debug("Ignoring {}: {}", REMAINING_CREDITS_HEADER, header);
        }
    }

    /** OpenSky's retry-after in whole seconds; fractions are rounded up so the feed never asks too early. */
    static @Nullable Duration seconds(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) Math.ceil(Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The exception's message, plus its root cause when that says more: a refused connection comes as
     * {@code I/O error on GET request for "...": null} otherwise. One line, no stack trace: an unreachable OpenSky is
     * an operational fact, and a stack trace every poll would bury the rest of the log.
     */
    private static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        if (root == e) {
            return message;
        }
        if (message.endsWith(": null")) {
            message = message.substring(0, message.length() - ": null".length());
        }
        return message + " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    /** {@code 3m36s} rather than {@code PT3M36S}. */
    static String readable(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String bodyExcerpt(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** One poll, then the next one scheduled on the same executor, for as long as that executor runs. */
    private void pollAndReschedule(ScheduledExecutorService executor) {
        Duration next;
        try {
            next = poll();
        } catch (RuntimeException e) {
            if (!running) {
                return; // stopped while polling: the interrupt shows up as whatever the client made of it
            }
            requests.get(Outcome.ERROR).increment();
            next = policy.afterFailure();
            log.error("OpenSky live feed: unexpected failure; next poll in {}", readable(next), e);
        }
        nextPollSeconds = next.toMillis() / 1000.0;
        if (!running || executor.isShutdown()) {
            return;
        }
        try {
            executor.schedule(() -> pollAndReschedule(executor), next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the executor down between the check and the schedule: nothing left to do
        }
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "opensky-live");
            thread.setDaemon(true);
            return thread;
        });
        scheduler = executor;
        stopping = false;
        running = true;
        log.info("OpenSky live feed: polling {}/states/all over {}, {}, every {} ({} credit(s) per request, {} credits a day)",
                properties.baseUrl(), properties.boundingBox() == null ? "the whole world" : properties.boundingBox(),
                properties.authenticated() ? "authenticated as " + properties.clientId() : "anonymous",
                readable(policy.pollInterval()), policy.creditsPerRequest(), properties.dailyCreditBudget());
        executor.execute(() -> pollAndReschedule(executor));
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor == null) {
            return;
        }
        // Interrupts a poll in flight: the JDK HTTP client gives up the request at once.
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("OpenSky live feed: the poll in flight did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    /** Start after Kafka listeners and streams, like the capture replay, so the first snapshot finds everything ready. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
