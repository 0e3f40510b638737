package io.stream4flow.console.alerts;

import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.cli.kafka.KafkaBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the Kafka {@code alerts} topic for the live view, on its own thread: every partition assigned (no consumer
 * group, so any number of consoles each see every alert), the last {@code backlog} alerts of each partition first,
 * then the new ones. Each poll's alerts go to {@code onBatch} in one call. When the broker goes away it reports the
 * error and reconnects (1 s, then up to 10 s apart), resuming after the last alert it read, so none is lost or shown
 * twice while Kafka keeps it. Unreadable messages are counted and skipped.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA = Duration.ofSeconds(5);

    /** What the feed tells the UI: a batch, or a change of its connection. */
    public interface Listener {
        void batch(List<Alert> alerts);

        /** {@code error} is null once connected (again), else why it is not. */
        void connection(String error);

        default void unreadable(long total) { }
    }

    private final KafkaEndpoint endpoint;
    private final String topic;
    private final int backlog;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> next = new java.util.HashMap<>();
    private long unreadable;

    public AlertFeed(KafkaEndpoint endpoint, String topic, int backlog, Listener listener) {
        this.endpoint = endpoint;
        this.topic = topic;
        this.backlog = backlog;
        this.listener = listener;
        this.thread = new Thread(this::run, "s4f-console-alerts");
        thread.setDaemon(true);
    }

    public AlertFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        long delay = 1000;
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> c = KafkaBrokers.consumer(endpoint, "s4f-console", "latest")) {
                consumer = c;
                if (closed) {
                    return;
                }
                List<TopicPartition> parts = KafkaBrokers.partitions(c, topic, endpoint.bootstrap(), METADATA);
                c.assign(parts);
                Map<TopicPartition, Long> ends = c.endOffsets(parts, METADATA);
                Map<TopicPartition, Long> starts = c.beginningOffsets(parts, METADATA);
                for (TopicPartition p : parts) {
                    Long resume = next.get(p);
                    c.seek(p, resume != null ? resume : Math.max(starts.get(p), ends.get(p) - backlog));
                }
                listener.connection(null);
                delay = 1000;
                poll(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                listener.connection(message(e));
            } finally {
                consumer = null;
            }
            sleep(delay);
            delay = Math.min(10_000, delay * 2);
        }
    }

    private void poll(KafkaConsumer<byte[], byte[]> c) {
        long quietSince = System.nanoTime();
        while (!closed) {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            if (records.isEmpty()) {
                // a poll does not fail when the broker is gone: ask for metadata now and then to find out
                if (System.nanoTime() - quietSince > 5_000_000_000L) {
                    c.partitionsFor(topic, METADATA);
                    quietSince = System.nanoTime();
                }
                continue;
            }
            quietSince = System.nanoTime();
            List<Alert> batch = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                try {
                    batch.add(Alert.parse(r.value()));
                } catch (IllegalArgumentException e) {
                    listener.unreadable(++unreadable);
                }
            }
            if (!batch.isEmpty()) {
                listener.batch(batch);
            }
        }
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return "Kafka: " + m;
    }

    /** Waits before reconnecting, or less when the feed is closed (no interrupt: it would fail the consumer's close). */
    private void sleep(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
