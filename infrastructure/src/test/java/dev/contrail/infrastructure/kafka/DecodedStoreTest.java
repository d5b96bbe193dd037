package dev.contrail.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DecodedStore} over a real Kafka Streams in-memory store (the kind the intake and refinement use, with a
 * serde, so that every read of the store itself decodes anew): what it answers equals what the store holds, a value
 * read or written once is then answered without reading the store, and the store always gets every write.
 */
class DecodedStoreTest {

    private KeyValueStore<String, List<String>> store;
    private DecodedStore<List<String>> decoded;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void storeOfATask() {
        Serde<List<String>> values = Serdes.ListSerde(ArrayList.class, Serdes.String());
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("recent-tracks"), Serdes.String(), values)
                .withLoggingDisabled().build();
        var context = new MockProcessorContext<Void, Void>();
        store.init(context.getStateStoreContext(), store);
        decoded = new DecodedStore<>(store);
    }

    @Test
    void aValueAlreadyInTheStoreIsReadFromItOnceAndThenAnsweredDecoded() {
        store.put("a0b1c2", List.of("38.95,-77.45"));

        List<String> first = decoded.get("a0b1c2");
        List<String> second = decoded.get("a0b1c2");

        assertThat(first).containsExactly("38.95,-77.45");
        // The store decodes a new list on every read; the same instance twice means the second was not read from it.
        assertThat(store.get("a0b1c2")).isNotSameAs(store.get("a0b1c2"));
        assertThat(second).isSameAs(first);
    }

    @Test
    void writesReachTheStoreAndAreAnsweredAsWritten() {
        List<String> track = List.of("38.95,-77.45", "38.96,-77.44");

        decoded.put("a0b1c2", track);

        assertThat(store.get("a0b1c2")).isEqualTo(track);
        assertThat(decoded.get("a0b1c2")).isSameAs(track);
    }

    @Test
    void anAbsentKeyIsAbsentAndAWriteAfterwardsIsSeen() {
        assertThat(decoded.get("a0b1c2")).isNull();

        decoded.put("a0b1c2", List.of("38.95,-77.45"));

        assertThat(decoded.get("a0b1c2")).containsExactly("38.95,-77.45");
    }

    @Test
    void aDeletedKeyIsGoneFromTheStoreAndFromWhatIsAnswered() {
        decoded.put("a0b1c2", List.of("38.95,-77.45"));
        decoded.put("a0b1c3", List.of("39.00,-77.00"));

        decoded.delete("a0b1c2");
        decoded.put("a0b1c3", null);

        assertThat(decoded.get("a0b1c2")).isNull();
        assertThat(decoded.get("a0b1c3")).isNull();
        assertThat(store.get("a0b1c2")).isNull();
        assertThat(store.get("a0b1c3")).isNull();
    }

    @Test
    void allScansTheStore() {
        decoded.put("a0b1c2", List.of("38.95,-77.45"));
        decoded.put("a0b1c3", List.of("39.00,-77.00"));

        List<String> keys = new ArrayList<>();
        try (var all = decoded.all()) {
            all.forEachRemaining((KeyValue<String, List<String>> entry) -> keys.add(entry.key));
        }

        assertThat(keys).containsExactly("a0b1c2", "a0b1c3");
    }
}
