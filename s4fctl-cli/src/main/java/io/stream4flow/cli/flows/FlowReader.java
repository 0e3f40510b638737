package io.stream4flow.cli.flows;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.cli.kafka.KafkaBrokers;
import io.stream4flow.schema.FlowViewMap;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.schema.avro.FlowAvroJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the flows of a flows topic as rows of the flows view ({@link FlowViewMap}), in either encoding the collector
 * writes: a message that starts with '{' is one flow JSON object, any other is a block of Avro flow records
 * ({@link io.stream4flow.schema.avro.FlowBlock}), whose records are turned into their flow JSON first
 * ({@link FlowAvroJson}). A message that is neither is counted ({@link #unreadable()}) and skipped.
 *
 * <p>Every partition is {@code assign}ed: no consumer group, nothing committed. The start is the first offset of
 * each partition whose record timestamp (Kafka's, the time the collector sent it) is at or after {@code since}
 * ({@code offsetsForTimes}), or the beginning; records of a partition are read in offset order, partitions
 * interleaved as the broker returns them. Without {@code follow} the reading ends at the end offsets taken when it
 * was opened.
 *
 * <p>Threads: {@link #open}, {@link #run} and {@link #close} on one thread; {@link #stop} from any thread.
 */
public final class FlowReader implements AutoCloseable {
    /** How long the broker may take to describe the topic and give the offsets. */
    public static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> ends;
    private final FlowAvroJson avro = new FlowAvroJson();
    private volatile boolean stopped;
    private long messages;
    private long flows;
    private long unreadable;

    private FlowReader(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        this.consumer = consumer;
        this.ends = ends;
    }

    /**
     * Connects, assigns every partition of {@code topic} and seeks each to its start.
     *
     * @param since the earliest record timestamp to read; {@code null}: from the oldest record kept
     * @throws CommandFailure {@link ExitCode#FAILURE} when no broker listens or it does not answer within
     *     {@link #METADATA_TIMEOUT}; {@link ExitCode#USAGE} when the topic does not exist
     */
    public static FlowReader open(KafkaEndpoint kafka, String topic, Instant since) {
        String bootstrap = kafka.bootstrap();
        KafkaConsumer<byte[], byte[]> consumer = KafkaBrokers.consumer(kafka, "s4fctl-flows", "earliest");
        try {
            List<TopicPartition> all = KafkaBrokers.partitions(consumer, topic, bootstrap, METADATA_TIMEOUT);
            consumer.assign(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all, METADATA_TIMEOUT);
            if (since == null) {
                consumer.seekToBeginning(all);
            } else {
                Map<TopicPartition, Long> at = new HashMap<>();
                all.forEach(tp -> at.put(tp, since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, METADATA_TIMEOUT);
                for (TopicPartition tp : all) {
                    OffsetAndTimestamp o = found.get(tp);
                    consumer.seek(tp, o == null ? ends.get(tp) : o.offset()); // null: nothing that recent
                }
            }
            for (TopicPartition tp : all) {
                consumer.position(tp, METADATA_TIMEOUT);
            }
            return new FlowReader(consumer, ends);
        } catch (RuntimeException e) {
            throw KafkaBrokers.openFailure(consumer, e, bootstrap, topic, METADATA_TIMEOUT);
        }
    }

    /** How many partitions are read. */
    public int partitions() {
        return ends.size();
    }

    /**
     * Hands each flow that {@code filter} accepts to {@code onFlow} (a new map per flow), until {@code limit} of them
     * ({@code 0}: no limit), until the end offsets taken at {@link #open} are reached (unless {@code follow}), or
     * until {@link #stop}. {@code afterBatch} runs after each poll that gave records and returns false to stop (stdout
     * closed).
     *
     * @return the number of flows handed over
     */
    public long run(Predicate<Map<String, ?>> filter, long limit, boolean follow,
            Consumer<Map<String, Object>> onFlow, BooleanSupplier afterBatch) {
        long matched = 0;
        while (!stopped && (limit == 0 || matched < limit) && (follow || !atEnd())) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(MAX_POLL);
            } catch (WakeupException e) {
                break;
            }
            if (records.isEmpty()) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (!follow && r.offset() >= ends.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                    continue; // written after the start: left for --follow
                }
                messages++;
                for (Map<String, Object> flow : rows(r.value())) {
                    flows++;
                    if (filter.test(flow)) {
                        onFlow.accept(flow);
                        if (++matched == limit) {
                            return matched;
                        }
                    }
                }
            }
            if (!afterBatch.getAsBoolean()) {
                break;
            }
        }
        return matched;
    }

    /** The view rows of one message value: one for flow JSON, each record's for an Avro block, none if neither. */
    List<Map<String, Object>> rows(byte[] value) {
        if (value == null || value.length == 0) {
            unreadable++;
            return List.of();
        }
        if (value[0] == '{') {
            Map<String, Object> row = FlowViewMap.of(value, 0, value.length);
            if (row == null) {
                unreadable++;
                return List.of();
            }
            return List.of(row);
        }
        List<GenericRecord> records;
        try {
            records = avro.readBlock(value, 0, value.length);
        } catch (IOException | RuntimeException e) {
            unreadable++;
            return List.of();
        }
        List<Map<String, Object>> rows = new java.util.ArrayList<>(records.size());
        for (GenericRecord rec : records) {
            JsonBuffer j = avro.json(rec);
            rows.add(FlowViewMap.of(j.array(), 0, j.length()));
        }
        return rows;
    }

    private boolean atEnd() {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Messages read so far (within the end offsets of the start, without {@code follow}). */
    public long messages() {
        return messages;
    }

    /** Flows read so far, matching or not. */
    public long flows() {
        return flows;
    }

    /** Messages that were neither flow JSON nor a block of Avro flow records. */
    public long unreadable() {
        return unreadable;
    }

    /** Ends {@link #run} soon (within one poll at most); idempotent; any thread. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
