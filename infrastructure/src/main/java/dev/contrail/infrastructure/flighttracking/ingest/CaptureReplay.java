package dev.contrail.infrastructure.flighttracking.ingest;

import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.MalformedSnapshotException;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.Snapshot;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Replays a folder of recorded {@code /states/all} responses into the raw topic, in {@code time} order, at
 * real time × {@code speed}, in a loop if asked. It turns data at rest into data in motion for the demo,
 * for tests and for benchmarks.
 *
 * <p>Every pass moves all times forward by the same offset so that the replayed traffic is "now" and a
 * second pass is newer than the first (aircraft ignore observations older than what they already know).
 * Replayed data is never dated after the clock (ADR 0024): a snapshot is sent no earlier than the time it is dated, and
 * a first pass faster than real time is dated so that it <em>ends</em> now — at 5× a capture of 15 minutes is dated
 * from 15 minutes ago to now and sent in 3 minutes; as fast as possible ({@code speed} 0), it is all in the past. A
 * later pass of a loop can then only go at real time: faster, it would run ahead of the clock.
 * Files that cannot be read as a snapshot, and rows that cannot be read as a state vector, go to the
 * dead-letter topic with their reason; the replay carries on. Duplicated and out-of-order snapshots are
 * sent as recorded: dropping them is refinement's job, exactly as with the live feed.
 */
public class CaptureReplay implements SmartLifecycle {

    static final String STAGE = "capture";
    private static final Logger log = LoggerFactory.getLogger(CaptureReplay.class);
    private static final long PAUSE_BETWEEN_PASSES_SECONDS = 10;
    /** OpenSky stamps a snapshot no earlier than the contacts it holds; a few seconds of disagreement are tolerated. */
    static final long PLAUSIBLY_AFTER_SNAPSHOT_SECONDS = 60;

    private final CaptureProperties properties;
    private final KafkaTemplate<String, OpenSkyStateVector> raw;
    private final DeadLetterPublisher deadLetters;
    private final OpenSkyStatesParser parser = new OpenSkyStatesParser();
    private final Clock clock;
    private final Pause pause;
    private final Counter published;
    private final AtomicInteger snapshotsReplayed = new AtomicInteger();
    private final AtomicInteger snapshotsTotal = new AtomicInteger();
    private volatile Thread worker;
    private volatile boolean running;

    public CaptureReplay(CaptureProperties properties, KafkaTemplate<String, OpenSkyStateVector> raw,
                         DeadLetterPublisher deadLetters, MeterRegistry meters, Clock clock) {
        this(properties, raw, deadLetters, meters, clock, Thread::sleep);
    }

    /** How the replay waits for the next snapshot's time: {@link Thread#sleep(long)}, or a test's clock moving on. */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    CaptureReplay(CaptureProperties properties, KafkaTemplate<String, OpenSkyStateVector> raw,
                  DeadLetterPublisher deadLetters, MeterRegistry meters, Clock clock, Pause pause) {
        this.properties = properties;
        this.raw = raw;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.pause = pause;
        this.published = Counter.builder("contrail.capture.state.vectors")
                .description("State vectors replayed from the capture into " + Topics.OPENSKY_STATE_VECTORS)
                .register(meters);
        meters.gauge("contrail.capture.snapshots.replayed", snapshotsReplayed);
        meters.gauge("contrail.capture.snapshots.in.capture", snapshotsTotal);
    }

    /** Reads and orders the capture; files that are not snapshots are dead-lettered here, once. */
    List<Snapshot> load() {
        var resolver = new PathMatchingResourcePatternResolver();
        List<Resource> found = new ArrayList<>();
        for (String pattern : properties.location().split(",")) {
            try {
                found.addAll(Arrays.asList(resolver.getResources(pattern.trim())));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the capture at " + pattern, e);
            }
        }
        Resource[] files = found.toArray(Resource[]::new);
        Arrays.sort(files, Comparator.comparing(Resource::getFilename, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Snapshot> snapshots = new ArrayList<>(files.length);
        for (Resource file : files) {
            byte[] body = read(file);
            String source = "capture:" + file.getFilename();
            try {
                snapshots.add(parser.parse(body, source));
            } catch (MalformedSnapshotException e) {
                deadLetters.publish(STAGE, source, "malformed snapshot: " + e.getMessage(), body);
            }
        }
        // Real captures are not in file order: order by the time the snapshot is valid for (stable sort keeps file order within a second).
        snapshots.sort(Comparator.comparingLong(Snapshot::time));
        log.info("Capture {}: {} files, {} snapshots from {} to {}", properties.location(), files.length, snapshots.size(),
                snapshots.isEmpty() ? "-" : snapshots.get(0).time(), snapshots.isEmpty() ? "-" : snapshots.get(snapshots.size() - 1).time());
        return snapshots;
    }

    /**
     * Replays the whole capture once, every time moved forward by {@code offsetSeconds}; returns false if stopped. A
     * snapshot is sent when the speed says, and never before the clock has reached the latest time it holds.
     */
    boolean replayOnce(List<Snapshot> snapshots, long offsetSeconds) throws InterruptedException {
        if (snapshots.isEmpty()) {
            return true;
        }
        long firstTime = snapshots.get(0).time();
        long startedAt = clock.millis();
        int reportEvery = Math.max(1, snapshots.size() / 10);
        for (int i = 0; i < snapshots.size(); i++) {
            if (!running) {
                return false;
            }
            Snapshot snapshot = snapshots.get(i);
            long dueAt = (latestTime(snapshot) + offsetSeconds) * 1000;
            if (properties.speed() > 0) {
                dueAt = Math.max(dueAt, startedAt + (long) ((snapshot.time() - firstTime) * 1000 / properties.speed()));
            }
            for (long wait = dueAt - clock.millis(); wait > 0; wait = dueAt - clock.millis()) {
                pause.sleep(wait);
            }
            published.increment(SnapshotHandOver.handOver(snapshot, STAGE, vector -> shift(vector, offsetSeconds), raw, deadLetters));
            snapshotsReplayed.incrementAndGet();
            if ((i + 1) % reportEvery == 0 || i + 1 == snapshots.size()) {
                log.info("Capture replay: {}/{} snapshots ({}%)", i + 1, snapshots.size(), (i + 1) * 100 / snapshots.size());
            }
        }
        raw.flush();
        return true;
    }

    private void replayLoop() {
        try {
            List<Snapshot> snapshots = load();
            snapshotsTotal.set(snapshots.size());
            if (snapshots.isEmpty()) {
                log.warn("Capture {} holds no snapshot: nothing to replay", properties.location());
                return;
            }
            long span = snapshots.get(snapshots.size() - 1).time() - snapshots.get(0).time() + PAUSE_BETWEEN_PASSES_SECONDS;
            long offset = firstOffset(snapshots, clock.instant().getEpochSecond(), properties.speed());
            for (int pass = 1; running; pass++) {
                log.info("Capture replay pass {} at {} real time, dated from {}", pass,
                        properties.speed() > 0 ? properties.speed() + "x" : "max. speed, not ahead of", java.time.Instant.ofEpochSecond(snapshots.get(0).time() + offset));
                snapshotsReplayed.set(0);
                if (!replayOnce(snapshots, offset) || !properties.loop()) {
                    break;
                }
                offset += span;
                pause.sleep(properties.speed() > 0 ? (long) (PAUSE_BETWEEN_PASSES_SECONDS * 1000 / properties.speed()) : 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Capture replay stopped: {}", e.getMessage(), e);
        }
    }

    /**
     * The offset of the first pass, starting {@code nowSeconds}: at real time or slower the capture starts now; faster, it
     * is dated so that its latest time is reached when its last snapshot is due, so that nothing is ahead of the clock.
     */
    static long firstOffset(List<Snapshot> snapshots, long nowSeconds, double speed) {
        long first = snapshots.get(0).time();
        long latest = snapshots.stream().mapToLong(CaptureReplay::latestTime).max().orElse(first);
        long last = snapshots.get(snapshots.size() - 1).time();
        // How long the pass takes on the clock: the capture's span at this speed, nothing as fast as possible.
        long passSeconds = speed > 0 ? (long) Math.floor((last - first) / speed) : 0;
        return Math.min(nowSeconds - first, nowSeconds + passSeconds - latest);
    }

    /**
     * The latest time a snapshot holds: its own, or a state vector's last contact or position time if later — but a
     * time more than {@link #PLAUSIBLY_AFTER_SNAPSHOT_SECONDS} after the snapshot's is one refinement dead-letters
     * (ADR 0024), and must not hold the replay back.
     */
    static long latestTime(Snapshot snapshot) {
        long latest = snapshot.time();
        long plausible = snapshot.time() + PLAUSIBLY_AFTER_SNAPSHOT_SECONDS;
        for (OpenSkyStateVector vector : snapshot.stateVectors()) {
            for (Long time : new Long[] {vector.getLastContact(), vector.getTimePosition()}) {
                if (time != null && time > latest && time <= plausible) {
                    latest = time;
                }
            }
        }
        return latest;
    }

    static OpenSkyStateVector shift(OpenSkyStateVector vector, long offsetSeconds) {
        if (offsetSeconds == 0) {
            return vector;
        }
        return OpenSkyStateVector.newBuilder(vector)
                .setSnapshotTime(vector.getSnapshotTime() + offsetSeconds)
                .setTimePosition(vector.getTimePosition() == null ? null : vector.getTimePosition() + offsetSeconds)
                .setLastContact(vector.getLastContact() == null ? null : vector.getLastContact() + offsetSeconds)
                .build();
    }

    private static byte[] read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read capture file " + file, e);
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::replayLoop, "capture-replay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /** Start after Kafka listeners and streams, so the first snapshots find everything ready. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
