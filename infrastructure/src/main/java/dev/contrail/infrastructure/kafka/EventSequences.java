package dev.contrail.infrastructure.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * What an intake that turns published events into commands has already processed (ADR 0028): the highest event
 * sequence per key, in a changelogged store. A published event carries its position in its aircraft's history
 * ({@code sequence}, strictly increasing per icao24), so an event at or below the last one processed is a redelivery
 * — a republish from the event store, a crash before a commit — and makes no command.
 *
 * <p>A record re-driven from the dead-letter topic ({@link DeadLetterRedrive}) is addressed to the stage that
 * dead-lettered it ({@link DeadLetterRedrive#REDRIVEN_FOR}); every other stage passes it over. The stage itself
 * processes it even though it has seen its sequence (it failed on it) if its work does not depend on the order of
 * events ({@code redrivenOutOfOrder}: a movement is recorded whenever it comes); a stage that follows each aircraft in
 * order processes it only if it has seen nothing later.
 */
public final class EventSequences {

    private final KeyValueStore<String, Long> processed;
    private final String stage;
    private final boolean redrivenOutOfOrder;

    public EventSequences(KeyValueStore<String, Long> processed, String stage, boolean redrivenOutOfOrder) {
        this.processed = processed;
        this.stage = stage;
        this.redrivenOutOfOrder = redrivenOutOfOrder;
    }

    /** The store of the highest sequence processed per key; its changelog makes it survive a restart. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    /** Whether this stage should process the event: it has not processed it yet, or it is re-driven to this stage. */
    public boolean isNew(String key, long sequence, Headers headers) {
        Header redriven = headers == null ? null : headers.lastHeader(DeadLetterRedrive.REDRIVEN_FOR);
        if (redriven != null) {
            if (!stage.equals(new String(redriven.value(), UTF_8))) {
                return false;
            }
            if (redrivenOutOfOrder) {
                return true;
            }
        }
        Long last = processed.get(key);
        return last == null || sequence > last;
    }

    /** Records that the event has been processed; called once its commands were acknowledged. */
    public void processed(String key, long sequence) {
        Long last = processed.get(key);
        if (last == null || sequence > last) {
            processed.put(key, sequence);
        }
    }
}
