package io.stream4flow.bench.stack;

import io.stream4flow.schema.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topic {@code alerts} on a thread of its own and notes when the first alert of each source address arrived
 * (wall clock, ms). Retries while the broker is not up yet.
 */
final class AlertsConsumer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Long> firstBySource = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long firstAnyMillis;

    AlertsConsumer(String bootstrap) {
        thread = new Thread(() -> loop(bootstrap), "alerts-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "stack-bench-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("reconnect.backoff.max.ms", "500");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(Topics.ALERTS));
            while (!stopped) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    if (firstAnyMillis == 0) {
                        firstAnyMillis = now;
                    }
                    try {
                        JsonNode a = JSON.readTree(r.value());
                        firstBySource.putIfAbsent(a.path("src_ip").asText(), now);
                    } catch (java.io.IOException e) {
                        // not an alert document: counted as "any" only
                    }
                }
            }
        }
    }

    /** Arrival of the first alert of any kind (ms), or 0. */
    long firstAnyMillis() {
        return firstAnyMillis;
    }

    /** Arrival of the first alert with this {@code src_ip} (ms), or null. */
    Long firstOf(String source) {
        return firstBySource.get(source);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(5_000);
    }
}
