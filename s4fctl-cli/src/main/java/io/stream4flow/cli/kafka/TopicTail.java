package io.stream4flow.cli.kafka;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.config.KafkaEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the messages of one topic, every partition, with a {@link KafkaConsumer} that is
 * {@code assign}ed to them: no consumer group, no committed offsets, nothing written to the broker.
 *
 * <p>Threads: {@link #open}, {@link #run} and {@link #close} on one thread (the consumer's);
 * {@link #stop} from any thread, at any time (a signal handler).
 */
final class TopicTail implements AutoCloseable {
    /** How long the broker may take to describe the topic and give the start offsets. */
    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    /** Longest single poll, so the idle timeout is checked at least this often. */
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final int partitions;
    private volatile boolean stopped;

    private TopicTail(KafkaConsumer<byte[], byte[]> consumer, int partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /**
     * Connects, assigns every partition of {@code topic} and fixes the start offsets: the first
     * message still kept ({@code fromBeginning}) or the end (only messages written from now on).
     *
     * @throws CommandFailure {@link ExitCode#FAILURE} when no bootstrap address accepts a TCP
     *     connection within {@link KafkaBrokers#CONNECT_TIMEOUT} or the broker does not answer within
     *     {@link #METADATA_TIMEOUT}; {@link ExitCode#USAGE} when the topic does not exist (it is
     *     not created)
     */
    static TopicTail open(KafkaEndpoint kafka, String topic, boolean fromBeginning) {
        String bootstrap = kafka.bootstrap();
        KafkaConsumer<byte[], byte[]> consumer = KafkaBrokers.consumer(kafka, "s4fctl-kafka-tail",
                fromBeginning ? "earliest" : "latest");
        try {
            List<TopicPartition> assigned = KafkaBrokers.partitions(consumer, topic, bootstrap, METADATA_TIMEOUT);
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            for (TopicPartition tp : assigned) {
                consumer.position(tp, METADATA_TIMEOUT); // resolves the seek now, not at the first poll
            }
            return new TopicTail(consumer, assigned.size());
        } catch (RuntimeException e) {
            throw KafkaBrokers.openFailure(consumer, e, bootstrap, topic, METADATA_TIMEOUT);
        }
    }

    /** How many partitions are read. */
    int partitions() {
        return partitions;
    }

    /**
     * Hands each message value to {@code onValue} (a null value, a tombstone, as {@code null}),
     * partition by partition within one poll and in offset order within a partition, until
     * {@code max} messages ({@code 0}: no limit), until nothing new came for {@code idle}
     * ({@code null}: no limit), or until {@link #stop}. {@code afterBatch} runs after each non-empty
     * poll and returns false to stop (for instance when stdout is closed).
     *
     * @return the number of messages handed over
     */
    long run(long max, Duration idle, Consumer<byte[]> onValue, BooleanSupplier afterBatch) {
        long count = 0;
        long lastNew = System.nanoTime();
        while (!stopped && (max == 0 || count < max)) {
            Duration wait = MAX_POLL;
            if (idle != null) {
                long left = idle.toNanos() - (System.nanoTime() - lastNew);
                if (left <= 0) {
                    break;
                }
                wait = Duration.ofNanos(Math.min(left, MAX_POLL.toNanos()));
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(wait);
            } catch (WakeupException e) {
                break;
            }
            if (records.isEmpty()) {
                continue;
            }
            lastNew = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                onValue.accept(r.value());
                if (++count == max) {
                    break;
                }
            }
            if (!afterBatch.getAsBoolean()) {
                break;
            }
        }
        return count;
    }

    /** Ends {@link #run} soon (within one poll at most); idempotent; any thread. */
    void stop() {
        stopped = true;
        consumer.wakeup();
    }

    /** Closes the consumer (nothing to commit: it has no group). */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
