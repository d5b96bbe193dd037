package dev.contrail.infrastructure.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.contrail.schemas.Topics;
import dev.contrail.schemas.Topics.DeadLetterHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the dead letters and sends them back where they came from once their cause is fixed (ADR 0028).
 *
 * <p>A re-drive walks each partition of {@value Topics#DEAD_LETTERS} from where the previous one stopped — the committed
 * offset of its own consumer group, {@code <prefix>-dead-letter-redrive} — and sends each dead letter to its source
 * topic ({@link DeadLetterHeaders#TOPIC}) with its original key ({@link DeadLetterHeaders#KEY}) and bytes, on its
 * original partition, marked {@link #REDRIVEN_FOR} the stage that rejected it. It commits past a dead letter only
 * once the source topic has acknowledged it, so nothing is re-driven twice (short of a crash between the two).
 * A dead letter without a source topic (from a capture file, say) cannot go back: it is skipped and reported. With a
 * stage or topic filter, a partition's walk ends at the first dead letter the filter does not select: it stays
 * pending, with everything after it, for a later re-drive — the committed offset is all the memory there is.
 */
public class DeadLetterRedrive {

    /** Header of a re-driven record: the stage that dead-lettered it, the one that should process it again. */
    public static final String REDRIVEN_FOR = "contrail-redriven-for";
    /** Header of a re-driven record: where it was on the dead-letter topic, {@code partition@offset}. */
    public static final String REDRIVEN_FROM = "contrail-redriven-from";
    /** The consumer group suffix whose committed offsets remember what was re-driven. */
    public static final String CONSUMER = "dead-letter-redrive";

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final Map<String, Object> consumerProperties;
    private final Map<String, Object> producerProperties;
    private final String group;

    /**
     * @param consumerProperties the Kafka client properties (bootstrap servers, security) of a consumer
     * @param producerProperties the same for a producer
     * @param group              the consumer group that remembers what was re-driven
     */
    public DeadLetterRedrive(Map<String, Object> consumerProperties, Map<String, Object> producerProperties, String group) {
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.producerProperties = new HashMap<>(producerProperties);
        this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.group = group;
    }

    /** One dead letter: where it is, why it is there, where it came from, and whether a re-drive has passed it yet. */
    public record DeadLetter(int partition, long offset, Instant at, String stage, String reason, String source, String topic,
                             Integer sourcePartition, Long sourceOffset, boolean pending) {

        public String cursor() {
            return partition + ":" + offset;
        }

        boolean redrivable() {
            return topic != null && !topic.isBlank();
        }
    }

    /** How many dead letters one stage rejected from one topic ({@code topic} null: not from a topic), and how many are pending. */
    public record Count(String stage, String topic, long total, long pending) {
    }

    /** A page of the dead letters a filter selects, in order of partition and offset, with the counts of them all. */
    public record Page(List<DeadLetter> letters, long total, long pending, List<Count> counts, String endCursor, boolean hasNextPage) {
    }

    /** What a re-drive did: re-driven, skipped (no source topic; listed), and what is still pending on the topic. */
    public record Outcome(int redriven, int skipped, long pending, List<DeadLetter> skippedLetters) {
    }

    /** Selects dead letters by the stage that rejected them and the topic they came from; null selects all. */
    public record Filter(String topic, String stage) {

        public static final Filter ALL = new Filter(null, null);

        boolean selects(DeadLetter letter) {
            return (topic == null || topic.equals(letter.topic())) && (stage == null || stage.equals(letter.stage()));
        }
    }

    /**
     * The dead letters {@code filter} selects after {@code after} (a {@link DeadLetter#cursor()}, or null from the
     * first), at most {@code first}, and the counts of all those the filter selects.
     */
    public Page list(Filter filter, int first, String after) {
        long[] from = after == null ? null : parseCursor(after);
        List<DeadLetter> page = new ArrayList<>();
        Map<List<String>, long[]> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        long[] totals = new long[2];
        boolean[] more = {false};
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> committed = committed(consumer, partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<DeadLetter> all = new ArrayList<>();
            readUpToTheEnd(consumer, partitions, record -> {
                DeadLetter letter = letter(record, committed.getOrDefault(partition(record), 0L));
                if (filter.selects(letter)) {
                    all.add(letter);
                }
                return true;
            });
            all.sort(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
            for (DeadLetter letter : all) {
                totals[0]++;
                long[] count = counts.computeIfAbsent(List.of(String.valueOf(letter.stage()), String.valueOf(letter.topic())), k -> new long[2]);
                count[0]++;
                if (letter.pending()) {
                    totals[1]++;
                    count[1]++;
                }
                boolean afterCursor = from == null || letter.partition() > from[0]
                        || (letter.partition() == from[0] && letter.offset() > from[1]);
                if (afterCursor) {
                    if (page.size() < first) {
                        page.add(letter);
                    } else {
                        more[0] = true;
                    }
                }
            }
        }
        List<Count> countList = new ArrayList<>();
        counts.forEach((key, count) -> countList.add(new Count(key.get(0).equals("null") ? null : key.get(0),
                key.get(1).equals("null") ? null : key.get(1), count[0], count[1])));
        return new Page(page, totals[0], totals[1], countList, page.isEmpty() ? after : page.get(page.size() - 1).cursor(), more[0]);
    }

    /** Re-drives at most {@code max} pending dead letters that {@code filter} selects; see the class comment. */
    public synchronized Outcome redrive(Filter filter, int max) {
        List<DeadLetter> skipped = new ArrayList<>();
        int[] redriven = {0};
        long pending = 0;
        try (var consumer = consumer(); var producer = producer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> committed = committed(consumer, partitions);
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                if (committed.containsKey(partition)) {
                    consumer.seek(partition, committed.get(partition));
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            Map<TopicPartition, Long> position = new HashMap<>();
            Set<TopicPartition> stopped = new HashSet<>();
            Map<String, Integer> sourcePartitions = new HashMap<>();
            readUpToTheEnd(consumer, partitions, record -> {
                TopicPartition at = partition(record);
                if (stopped.contains(at)) {
                    return true;
                }
                DeadLetter letter = letter(record, Long.MAX_VALUE);
                if (redriven[0] >= max || !filter.selects(letter)) {
                    stopped.add(at);
                    return stopped.size() < partitions.size();
                }
                if (!letter.redrivable()) {
                    log.warn("Dead letter {}@{} from {} has no source topic: skipped", at, record.offset(), letter.source());
                    skipped.add(letter);
                } else {
                    send(producer, record, letter, sourcePartitions);
                    redriven[0]++;
                }
                position.put(at, record.offset() + 1);
                consumer.commitSync(Map.of(at, new OffsetAndMetadata(record.offset() + 1)));
                return true;
            });
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long from = position.getOrDefault(partition, committed.getOrDefault(partition, consumer.beginningOffsets(List.of(partition)).get(partition)));
                pending += Math.max(0, ends.get(partition) - from);
            }
        }
        log.info("Re-drove {} dead letters, skipped {} without a source topic; {} pending", redriven[0], skipped.size(), pending);
        return new Outcome(redriven[0], skipped.size(), pending, skipped);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record, DeadLetter letter,
                      Map<String, Integer> sourcePartitions) {
        Header key = record.headers().lastHeader(DeadLetterHeaders.KEY);
        int partitions = sourcePartitions.computeIfAbsent(letter.topic(), topic -> producer.partitionsFor(topic).size());
        // Its original partition, so that it is read in its key's order; else the key's partition.
        Integer partition = letter.sourcePartition() != null && letter.sourcePartition() >= 0 && letter.sourcePartition() < partitions
                ? letter.sourcePartition() : null;
        var headers = new RecordHeaders()
                .add(REDRIVEN_FOR, String.valueOf(letter.stage()).getBytes(UTF_8))
                .add(REDRIVEN_FROM, (letter.partition() + "@" + letter.offset()).getBytes(UTF_8));
        try {
            producer.send(new ProducerRecord<>(letter.topic(), partition, null, key == null ? null : key.value(), record.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted re-driving a dead letter to " + letter.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot re-drive dead letter " + letter.cursor() + " to " + letter.topic() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Parses {@code partition:offset}; an {@link IllegalArgumentException} says what is wrong. */
    public static long[] parseCursor(String cursor) {
        String[] parts = cursor.split(":");
        try {
            if (parts.length == 2) {
                int partition = Integer.parseInt(parts[0]);
                long offset = Long.parseLong(parts[1]);
                if (partition >= 0 && offset >= 0) {
                    return new long[] {partition, offset};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a cursor is partition:offset as returned in endCursor, was '" + cursor + "'");
    }

    @FunctionalInterface
    private interface RecordHandler {
        /** Handles one record; false when nothing more is wanted. */
        boolean handle(ConsumerRecord<byte[], byte[]> record);
    }

    /** Reads every assigned partition up to the end it had when the read started. */
    private static void readUpToTheEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, RecordHandler handler) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Instant deadline = Instant.now().plus(READ_TIMEOUT);
        Supplier<Boolean> done = () -> partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
        while (!done.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Could not read " + Topics.DEAD_LETTERS + " up to its end within " + READ_TIMEOUT);
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= ends.get(partition)) {
                        break;
                    }
                    if (!handler.handle(record)) {
                        return;
                    }
                }
            }
        }
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record, long committed) {
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                header(record, DeadLetterHeaders.STAGE), header(record, DeadLetterHeaders.REASON), header(record, DeadLetterHeaders.SOURCE),
                header(record, DeadLetterHeaders.TOPIC), integer(header(record, DeadLetterHeaders.PARTITION)),
                number(header(record, DeadLetterHeaders.OFFSET)), record.offset() >= committed);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }

    private static Integer integer(String text) {
        Long number = number(text);
        return number == null || number > Integer.MAX_VALUE ? null : number.intValue();
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.DEAD_LETTERS);
        return Objects.requireNonNullElse(infos, List.<PartitionInfo>of()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private static Map<TopicPartition, Long> committed(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        consumer.committed(new HashSet<>(partitions)).forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public String group() {
        return group;
    }
}
