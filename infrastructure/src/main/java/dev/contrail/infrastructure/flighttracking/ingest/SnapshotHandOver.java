package dev.contrail.infrastructure.flighttracking.ingest;

import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.RejectedRow;
import dev.contrail.infrastructure.flighttracking.ingest.OpenSkyStatesParser.Snapshot;
import dev.contrail.infrastructure.kafka.DeadLetterPublisher;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.util.function.UnaryOperator;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * How every ingestion adapter hands a {@code /states/all} snapshot over: each state vector to the raw topic keyed by
 * its (lower-case) icao24, each unreadable row to the dead letters. Everything else — repeats, order, validation —
 * is refinement's job, the same for recorded and live data.
 */
public final class SnapshotHandOver {

    private SnapshotHandOver() {
    }

    /** @return how many state vectors were sent to the raw topic */
    public static int handOver(Snapshot snapshot, String stage, UnaryOperator<OpenSkyStateVector> adjust,
                               KafkaTemplate<String, OpenSkyStateVector> raw, DeadLetterPublisher deadLetters) {
        for (OpenSkyStateVector vector : snapshot.stateVectors()) {
            OpenSkyStateVector adjusted = adjust.apply(vector);
            raw.send(Topics.OPENSKY_STATE_VECTORS, adjusted.getIcao24(), adjusted);
        }
        for (RejectedRow row : snapshot.rejected()) {
            deadLetters.publish(stage, snapshot.source(), row.reason(), row.bytes());
        }
        return snapshot.stateVectors().size();
    }
}
