package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One Kafka message per record (a JSON object, or one Avro record in binary encoding with no schema id
 * or container: readers know the schema), keyed by the exporter address (one exporter's records stay ordered
 * in a partition). The producer is shared by the decode handlers; it is idempotent, compresses, and
 * batches by size and linger. Its buffer ({@code buffer.memory}) is the bounded buffer in front of
 * the broker: {@code max.block.ms=0}, so when the broker cannot keep up and the buffer is full, a
 * record is dropped and counted instead of blocking the decoder.
 *
 * <p>The decode thread never waits for the broker: {@code producer.flush()} blocks until every
 * record is acknowledged (up to the delivery timeout while a broker is down), so it is not called on
 * the hot path. The linger ({@code linger.ms}, 5 ms by default) bounds how long a record waits in a
 * batch when traffic pauses; under load the batch size decides. {@link Sinks#close()} flushes.
 *
 * <p>Per record the Kafka client needs a {@code ProducerRecord} and a copy of the bytes: the one
 * allocation on the hot path that this sink cannot avoid.
 */
final class KafkaSink implements RecordSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final SinkStats stats;
    private final Callback callback;
    private final RecordFormat format;
    private long pending;
    private long pendingBytes;

    KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic, SinkStats stats, RecordFormat format) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
        this.callback = new Counting(stats);
        this.format = format;
    }

    @Override
    public RecordFormat format() {
        return format;
    }

    private static final class Counting implements Callback {
        private final SinkStats stats;

        Counting(SinkStats stats) {
            this.stats = stats;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (e == null) {
                stats.delivered.increment();
            } else if (e instanceof TimeoutException || e.getClass().getSimpleName().equals("BufferExhaustedException")) {
                stats.droppedBufferFull.increment();
            } else {
                stats.droppedError.increment();
            }
        }
    }

    @Override
    public boolean write(ExporterState exporter, byte[] b, int off, int len) {
        Object key = exporter.attachment();
        if (!(key instanceof byte[])) {
            key = exporter.addressString().getBytes(StandardCharsets.UTF_8);
            exporter.attach(key);
        }
        pending++;
        pendingBytes += len;
        try {
            producer.send(new ProducerRecord<>(topic, (byte[]) key, Arrays.copyOfRange(b, off, off + len)), callback);
            return true;
        } catch (TimeoutException e) {
            stats.droppedBufferFull.increment();
            return false;
        } catch (RuntimeException e) {
            stats.droppedError.increment();
            return false;
        }
    }

    @Override
    public void endOfBatch(boolean ringEmpty) {
        if (pending > 0) {
            stats.accepted.add(pending);
            stats.bytes.add(pendingBytes);
            pending = 0;
            pendingBytes = 0;
        }
    }

    @Override
    public void close() {
        endOfBatch(false);
    }
}
