package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds the load generator's state vectors to Contrail's raw topic ({@code opensky.state-vectors}, key icao24,
 * single-object-encoded Avro) as OpenSky would, but with time accelerated: at speed {@code s}, each second of wall
 * time carries {@code s} seconds of simulated traffic. The generator's clock runs only while the producer does, so
 * a pause leaves no gap in the traffic. When Kafka cannot take the requested rate, the producer falls behind and
 * sends as fast as it can; {@link #produced()} tells what was actually offered.
 */
final class LoadProducer implements AutoCloseable {

    /** Send times of state vectors, by {@link #key(String, long)}, for latency measurements. */
    interface SendLog {
        void sent(long key, long nanoTime);
    }

    private final TrafficGenerator traffic;
    private final KafkaProducer<String, OpenSkyStateVector> producer;
    private final Thread thread;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Object lock = new Object();

    private volatile boolean running = true;
    private volatile SendLog sendLog;
    // Guarded by lock: the pacing anchor, reset whenever the speed changes.
    private double speed;
    private double burstUntil = Double.NEGATIVE_INFINITY;
    private long anchorNanos;
    private double anchorSimulatedTime;

    LoadProducer(String bootstrapServers, TrafficGenerator traffic) {
        this.traffic = traffic;
        this.producer = new KafkaProducer<>(KafkaRawLimits.producerProperties(bootstrapServers), new StringSerializer(),
                AvroSerde.of(OpenSkyStateVector.class));
        this.thread = new Thread(this::run, "benchmark-load");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Paces the traffic at {@code speed} × real time; 0 pauses it. */
    void setSpeed(double speed) {
        synchronized (lock) {
            this.speed = speed;
            reanchor();
        }
    }

    /** Sends the vectors due before {@code simulatedTime} as fast as possible, then goes on at the current speed; returns at once. */
    void burstUntil(double simulatedTime) {
        synchronized (lock) {
            burstUntil = simulatedTime;
        }
    }

    /** Records the send time of every vector from now on (null stops). */
    void logSends(SendLog log) {
        this.sendLog = log;
    }

    long produced() {
        return produced.get();
    }

    double speed() {
        synchronized (lock) {
            return speed;
        }
    }

    long failed() {
        return failed.get();
    }

    /** Vectors per second of wall time at {@code speed}. */
    double vectorsPerSecondAt(double speed) {
        return traffic.settings().vectorsPerSimulatedSecond() * speed;
    }

    /** A key for a state vector: its aircraft and its last contact, which together identify it. */
    static long key(String icao24, long lastContactEpochSecond) {
        return (Long.parseLong(icao24, 16) << 36) ^ lastContactEpochSecond;
    }

    private void run() {
        while (running) {
            OpenSkyStateVector next = null;
            synchronized (lock) {
                boolean sendNow;
                if (traffic.nextTime() < burstUntil) {
                    sendNow = true;
                } else if (speed <= 0) {
                    sendNow = false;
                } else {
                    long due = anchorNanos + (long) ((traffic.nextTime() - anchorSimulatedTime) / speed * 1e9);
                    sendNow = System.nanoTime() >= due;
                }
                if (sendNow) {
                    // Under the lock: the generator is not thread-safe, and setSpeed reads its clock.
                    next = traffic.next();
                    if (traffic.nextTime() >= burstUntil && burstUntil > Double.NEGATIVE_INFINITY) {
                        burstUntil = Double.NEGATIVE_INFINITY;
                        reanchor();
                    }
                }
            }
            if (next != null) {
                send(next);
            } else {
                LockSupport.parkNanos(200_000);
            }
        }
    }

    private void send(OpenSkyStateVector vector) {
        SendLog log = sendLog;
        if (log != null) {
            log.sent(key(vector.getIcao24(), vector.getLastContact()), System.nanoTime());
        }
        producer.send(new ProducerRecord<>(Topics.OPENSKY_STATE_VECTORS, vector.getIcao24(), vector), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        });
        produced.incrementAndGet();
    }

    private void reanchor() {
        anchorNanos = System.nanoTime();
        anchorSimulatedTime = traffic.nextTime();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        producer.close();
    }

    /** A send log kept in memory. */
    static final class SendTimes implements SendLog {
        private final Map<Long, Long> nanos = new ConcurrentHashMap<>();

        @Override
        public void sent(long key, long nanoTime) {
            nanos.put(key, nanoTime);
        }

        Long sentAt(long key) {
            return nanos.get(key);
        }

        int size() {
            return nanos.size();
        }
    }
}
