package dev.contrail.infrastructure.flighttracking.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * The bundled capture (18 minutes 23 s of snapshots) replayed at 5× and as fast as possible, with a clock that the
 * replay's own waits move on, so nothing sleeps: each state vector is dated no later than the clock when it is sent
 * (issue 12: at 5× the end of the capture used to be dated 15 minutes ahead), and the replay still goes at 5×.
 */
class CaptureReplayPacingTest {

    private static final String CAPTURE = "classpath:captures/opensky/iad-2023-03-14/*.json";
    private static final Instant START = Instant.parse("2026-12-07T06:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final MockProducer<String, OpenSkyStateVector> rawTopic = new MockProducer<>(true, null, new StringSerializer(),
            AvroSerde.of(OpenSkyStateVector.class).serializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, OpenSkyStateVector> record, Callback callback) {
            sent.add(new Sent(clock.millis(), record.value()));
            return super.send(record, callback);
        }

        @Override
        public void close() {
            // KafkaTemplate closes its producer after each send: keep this one.
        }

        @Override
        public void close(Duration timeout) {
        }
    };
    private final MockProducer<String, byte[]> deadLetterTopic = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }
    };
    private CaptureReplay replay;

    record Sent(long atMillis, OpenSkyStateVector vector) {

        long latestDatedMillis() {
            long latest = vector.getSnapshotTime();
            latest = Math.max(latest, vector.getLastContact() == null ? latest : vector.getLastContact());
            latest = Math.max(latest, vector.getTimePosition() == null ? latest : vector.getTimePosition());
            return latest * 1000;
        }
    }

    @AfterEach
    void stop() {
        if (replay != null) {
            replay.stop();
        }
    }

    @Test
    void atFiveTimesRealTimeNothingIsDatedAfterTheClockAndThePassTakesAFifthOfTheCapture() {
        int vectors = replayOnePass(5.0);

        assertThat(sent).hasSize(vectors);
        noneAheadOfTheClock();
        long capture = 1_678_804_750L - 1_678_803_647L;
        long pass = sent.get(sent.size() - 1).atMillis() - START.toEpochMilli();
        assertThat(pass).isBetween(capture * 1000 / 5 - 1000, capture * 1000 / 5 + 1000);
        // It ends now: the last snapshot is dated when it is sent, not a second earlier.
        assertThat(sent.get(sent.size() - 1).latestDatedMillis()).isGreaterThan(sent.get(sent.size() - 1).atMillis() - 1000);
    }

    @Test
    void asFastAsPossibleTheWholeCaptureIsInThePastAndSentAtOnce() {
        replayOnePass(0);

        noneAheadOfTheClock();
        assertThat(sent.get(sent.size() - 1).atMillis()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void atRealTimeTheCaptureStartsNow() {
        replayOnePass(1.0);

        noneAheadOfTheClock();
        assertThat(sent.get(0).vector().getSnapshotTime()).isEqualTo(START.getEpochSecond());
    }

    @Test
    void aLoopAtFiveTimesRealTimeGoesOnNewerAndNeverAheadOfTheClock() {
        replay = replay(5.0, true);
        replay.start();
        int perPass = vectorsInCapture();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() > 2 * perPass + 10);
        replay.stop();

        noneAheadOfTheClock();
        // Each aircraft's contacts only move forward from one pass to the next.
        Map<String, List<Long>> contacts = sent.stream().filter(s -> s.vector().getLastContact() != null)
                .collect(Collectors.groupingBy(s -> s.vector().getIcao24(), Collectors.mapping(s -> s.vector().getLastContact(), Collectors.toList())));
        long firstOfPassTwo = sent.get(perPass).vector().getSnapshotTime();
        long lastOfPassOne = sent.subList(0, perPass).stream().mapToLong(s -> s.vector().getSnapshotTime()).max().orElseThrow();
        assertThat(firstOfPassTwo).isGreaterThan(lastOfPassOne);
        assertThat(contacts).isNotEmpty();
    }

    private void noneAheadOfTheClock() {
        long ahead = sent.stream().filter(s -> s.latestDatedMillis() > s.atMillis()).count();
        Sent worst = sent.stream().max(Comparator.comparingLong(s -> s.latestDatedMillis() - s.atMillis())).orElseThrow();
        assertThat(worst.latestDatedMillis()).as("%d of %d state vectors dated after the clock; the worst, %s, dated %s, sent at %s",
                ahead, sent.size(), worst.vector().getIcao24(), Instant.ofEpochMilli(worst.latestDatedMillis()),
                Instant.ofEpochMilli(worst.atMillis())).isLessThanOrEqualTo(worst.atMillis());
    }

    private int replayOnePass(double speed) {
        replay = replay(speed, false);
        int vectors = vectorsInCapture();
        replay.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= vectors);
        return vectors;
    }

    private int vectorsInCapture() {
        return replay.load().stream().mapToInt(snapshot -> snapshot.stateVectors().size()).sum();
    }

    private CaptureReplay replay(double speed, boolean loop) {
        var meters = new SimpleMeterRegistry();
        return new CaptureReplay(new CaptureProperties(true, CAPTURE, speed, loop),
                new KafkaTemplate<>(new MockProducerFactory<>(() -> rawTopic)),
                new DeadLetterPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> deadLetterTopic)), meters),
                meters, clock, clock::advance);
    }

    /** A clock that the replay's waits move on instead of sleeping. */
    static final class MovableClock extends Clock {
        private volatile long millis;

        MovableClock(Instant start) {
            this.millis = start.toEpochMilli();
        }

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
