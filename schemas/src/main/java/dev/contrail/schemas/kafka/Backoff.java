package dev.contrail.schemas.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what failed transiently ({@link TransientFailures}), waiting longer after each failure — from
 * {@link #FIRST} doubling up to {@link #MAX}, each wait drawn at random between half and all of it, so that the stream
 * threads of several applications do not hammer a recovering database in step — for at most {@link #WINDOW} in all
 * (ADR 0025). A permanent failure is thrown at once; a transient one still failing after the window is thrown too:
 * the Kafka Streams thread then dies and is replaced, and goes on from the last committed offsets. It blocks the
 * calling thread while it waits, which is what a stream thread should do while its database is away.
 */
public final class Backoff {

    public static final Duration FIRST = Duration.ofMillis(100);
    public static final Duration MAX = Duration.ofSeconds(30);
    /** Well below Kafka's default {@code max.poll.interval.ms} of 5 minutes, so a waiting thread keeps its tasks. */
    public static final Duration WINDOW = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(Backoff.class);
    private static final Backoff DEFAULT = new Backoff(FIRST, MAX, WINDOW);

    private final Duration first;
    private final Duration max;
    private final Duration window;

    public Backoff(Duration first, Duration max, Duration window) {
        this.first = Objects.requireNonNull(first, "first");
        this.max = Objects.requireNonNull(max, "max");
        this.window = Objects.requireNonNull(window, "window");
    }

    /** 100 ms doubling to 30 s, for up to 2 minutes. */
    public static Backoff standard() {
        return DEFAULT;
    }

    /** Runs {@code action}, trying again after transient failures (see the class). */
    public void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** Calls {@code action}, trying again after transient failures (see the class). */
    public <T> T call(String what, Supplier<T> action) {
        long deadline = System.nanoTime() + window.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException failure) {
                if (!TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                long wait = delay(attempt).toNanos();
                if (System.nanoTime() + wait > deadline) {
                    log.warn("{} still failing transiently after {}; giving up: {}", what, window, failure.getMessage());
                    throw failure;
                }
                log.warn("{} failed transiently (attempt {}), trying again in {} ms: {}", what, attempt + 1,
                        Duration.ofNanos(wait).toMillis(), failure.getMessage());
                try {
                    Thread.sleep(Duration.ofNanos(wait).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(interrupted);
                    throw failure;
                }
            }
        }
    }

    /** The wait after the {@code attempt}-th failure (0 for the first): exponential, capped, with jitter. */
    public Duration delay(int attempt) {
        long ceiling = first.toMillis() << Math.min(attempt, 20);
        ceiling = Math.min(ceiling <= 0 ? max.toMillis() : ceiling, max.toMillis());
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
