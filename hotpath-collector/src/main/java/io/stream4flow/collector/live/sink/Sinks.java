package io.stream4flow.collector.live.sink;

import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.live.CollectorConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates the sink named by the output URI: {@code kafka://HOST:PORT/TOPIC}, {@code file:PATH},
 * {@code stdout}, {@code null}, each with {@code ?format=json} (the default) or {@code ?format=avro}
 * ({@link OutputUri}). One shared resource (producer, file) and one {@link RecordSink} per decode
 * handler. Kafka takes one JSON record per message, or a block of Avro records of one exporter per message
 * ({@code kafka.message-records}); a file or stdout takes JSON lines, or an Avro object container file.
 */
public final class Sinks implements AutoCloseable {
    private final SinkStats stats = new SinkStats();
    private final String kind;
    private final RecordFormat format;
    private KafkaProducer<byte[], byte[]> producer;
    private int messageRecords = 1;
    /** Bytes the Kafka sinks hold while the producer has no metadata ({@link KafkaSink}), at most kafka.buffer. */
    private final AtomicLong heldBytes = new AtomicLong();
    private long heldLimit;
    private String topic;
    private LineOutput lines;
    private AvroFileOutput avro;

    /**
     * @throws IllegalArgumentException for an output that is none of the above (the message names it)
     * @throws IOException when the file cannot be opened or Kafka gives no metadata
     */
    public Sinks(CollectorConfig cfg) throws IOException {
        String s = OutputUri.base(cfg.output().toString());
        format = formatOf(cfg.output());
        URI out = URI.create(s);
        if (s.equals("null")) {
            kind = "null";
        } else if (s.equals("stdout") || s.equals("-")) {
            kind = "stdout";
            if (format == RecordFormat.AVRO) {
                avro = new AvroFileOutput(null, 0, 0, stats);
            } else {
                lines = new LineOutput(null, 0, 0, stats);
            }
        } else if ("file".equals(out.getScheme())) {
            kind = "file";
            String p = out.getSchemeSpecificPart();
            Path file = Path.of(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
            if (format == RecordFormat.AVRO) {
                avro = new AvroFileOutput(file, cfg.fileRotateBytes(), cfg.fileRotateSeconds() * 1000L, stats);
            } else {
                lines = new LineOutput(file, cfg.fileRotateBytes(), cfg.fileRotateSeconds() * 1000L, stats);
            }
        } else if ("kafka".equals(out.getScheme())) {
            kind = "kafka";
            String t = out.getPath();
            if (out.getHost() == null || out.getPort() < 0 || t == null || t.length() < 2) {
                throw new IllegalArgumentException("output: '" + s + "' is not kafka://HOST:PORT/TOPIC");
            }
            topic = t.substring(1);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, out.getHost() + ":" + out.getPort());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "s4f-collector");
            p.putAll(cfg.kafkaLogin().properties());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, cfg.kafkaCompression());
            p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(cfg.kafkaLingerMs()));
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(cfg.kafkaBatchBytes()));
            p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(cfg.kafkaBufferBytes()));
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "0");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
            messageRecords = format == RecordFormat.AVRO ? cfg.kafkaMessageRecords() : 1;
            heldLimit = cfg.kafkaBufferBytes();
            awaitMetadata(out.getHost() + ":" + out.getPort());
        } else {
            throw new IllegalArgumentException("output: '" + s + "' is not kafka://HOST:PORT/TOPIC, file:PATH, stdout or null");
        }
    }

    private static RecordFormat formatOf(URI output) {
        try {
            return OutputUri.format(output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output: " + e.getMessage(), e);
        }
    }

    /**
     * With {@code max.block.ms=0} a send fails at once while the producer has no metadata for the
     * topic, so the metadata is fetched here, before the first record.
     */
    private void awaitMetadata(String bootstrap) throws IOException {
        long end = System.currentTimeMillis() + METADATA_WAIT_MILLIS;
        RuntimeException last = null;
        while (System.currentTimeMillis() < end) {
            try {
                if (!producer.partitionsFor(topic).isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        producer.close(Duration.ZERO);
        throw new IOException("output: no metadata for topic '" + topic + "' from Kafka at " + bootstrap
                + " within " + METADATA_WAIT_MILLIS / 1000 + " s" + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    private static final long METADATA_WAIT_MILLIS = 30_000;

    /** A sink for one decode handler. */
    public RecordSink newSink() {
        return switch (kind) {
            case "null" -> new NullSink(stats, format);
            case "kafka" -> new KafkaSink(producer, topic, stats, format, messageRecords, heldBytes, heldLimit);
            default -> format == RecordFormat.AVRO ? new AvroFileSink(avro, stats, 1 << 20)
                    : new LineSink(lines, stats, 1 << 20);
        };
    }

    /** A sink that counts into {@code stats} and discards records of {@code format}: what output {@code null} gives. */
    public static RecordSink discard(RecordFormat format, SinkStats stats) {
        return new NullSink(stats, format);
    }

    /** The encoding the output takes. */
    public RecordFormat format() {
        return format;
    }

    public String kind() {
        return kind;
    }

    public SinkStats stats() {
        return stats;
    }

    /**
     * Closes the shared resource: the producer sends what it holds, waiting at most 30 s (a broker
     * that is down does not hold the shutdown longer; what is left undelivered shows as sink lag in
     * the final counters); the file is synced.
     */
    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
        try {
            if (lines != null) {
                lines.close();
            }
            if (avro != null) {
                avro.close();
            }
        } catch (IOException e) {
            stats.droppedError.increment();
        }
    }
}
