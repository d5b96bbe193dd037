package dev.contrail.projections;

import org.apache.kafka.streams.KafkaStreams;

/**
 * What becomes of a rebuilding generation at each look of the monitor (ADR 0010), decided from what was measured of
 * it alone: it failed (its Kafka Streams application stopped, or a stream thread died on an error), it takes over
 * (it has processed everything the topics held when it started, is at most {@code maxLag} records behind their ends,
 * and runs), or it keeps building. A pure function: the registry carries the decision out.
 */
final class SwitchOver {

    /** The decision. */
    sealed interface Decision {
    }

    /** Not yet: keep building, report progress. */
    record KeepBuilding() implements Decision {
    }

    /** Caught up: write what it staged, then point the views at it in one transaction. */
    record TakeOver() implements Decision {
    }

    /** It stopped: remove it, and leave the serving generation as it is. */
    record Fail(String reason) implements Decision {
    }

    private SwitchOver() {
    }

    /**
     * @param failure        what a stream thread of the rebuild failed on, or null
     * @param streams        the state of its Kafka Streams application
     * @param reachedTargets whether it has committed past where the topics ended when it started, on every partition
     * @param lag            records of the topics it has not processed yet, up to their ends now
     * @param maxLag         {@code contrail.projections.switch-over-max-lag}
     */
    static Decision decide(String failure, KafkaStreams.State streams, boolean reachedTargets, long lag, long maxLag) {
        if (failure != null) {
            return new Fail(failure);
        }
        if (streams == KafkaStreams.State.ERROR || streams == KafkaStreams.State.PENDING_ERROR
                || streams == KafkaStreams.State.NOT_RUNNING || streams == KafkaStreams.State.PENDING_SHUTDOWN) {
            return new Fail("its Kafka Streams application stopped (" + streams + ")");
        }
        if (reachedTargets && lag <= maxLag && streams == KafkaStreams.State.RUNNING) {
            return new TakeOver();
        }
        return new KeepBuilding();
    }
}
