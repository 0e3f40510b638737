package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.avro.FlowBlock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Kafka messages keyed by the exporter address (one exporter's records stay ordered in a partition): one
 * record per message for JSON; for Avro, a block of up to {@code kafka.message-records} records of one
 * exporter ({@link FlowBlock}), sent when it is full, when the next record is another exporter's, when it
 * passes {@value #MAX_BLOCK_BYTES} bytes, and at the end of every ring batch (so a block never waits for
 * traffic that may not come). The producer is shared by the decode handlers; it is idempotent,
 * compresses, and batches messages by size and linger. Its buffer ({@code buffer.memory}) is the bounded
 * buffer in front of the broker: {@code max.block.ms=0}, so when the broker cannot keep up and the buffer
 * is full, a message is dropped and its records counted instead of blocking the decoder.
 *
 * <p>The decode thread never waits for the broker: {@code producer.flush()} blocks until every
 * record is acknowledged (up to the delivery timeout while a broker is down), so it is not called on
 * the hot path. The linger ({@code linger.ms}, 5 ms by default) bounds how long a message waits in a
 * batch when traffic pauses; under load the batch size decides. {@link Sinks#close()} flushes.
 *
 * <p>Per message the Kafka client needs a {@code ProducerRecord}, the message's bytes and (for blocks) a
 * callback that knows the record count: the allocations of this sink, once per block rather than per record.
 */
final class KafkaSink implements RecordSink {
    /** A block is sent once it holds this many bytes, well below the producer's {@code max.request.size}. */
    static final int MAX_BLOCK_BYTES = 256 << 10;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final SinkStats stats;
    private final Callback single;
    private final RecordFormat format;
    private final int maxRecords;
    private long pending;
    private long pendingBytes;
    /** The block being filled (Avro): the records back to back, of {@link #blockKey}'s exporter. */
    private byte[] block = new byte[64 << 10];
    private int blockLength;
    private int blockRecords;
    private byte[] blockKey;

    /**
     * @param maxRecords records per message: 1 sends each record as it is (JSON); more sends blocks (Avro)
     */
    KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic, SinkStats stats, RecordFormat format,
              int maxRecords) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
        this.single = new Counting(stats, 1);
        this.format = format;
        this.maxRecords = format == RecordFormat.AVRO ? Math.max(1, maxRecords) : 1;
    }

    @Override
    public RecordFormat format() {
        return format;
    }

    /** Counts the records of one message when the broker acknowledged it, or why it did not. */
    private static final class Counting implements Callback {
        private final SinkStats stats;
        private final int records;

        Counting(SinkStats stats, int records) {
            this.stats = stats;
            this.records = records;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (e == null) {
                stats.delivered.add(records);
            } else if (bufferFull(e)) {
                stats.droppedBufferFull.add(records);
            } else {
                stats.droppedError.add(records);
            }
        }
    }

    private static boolean bufferFull(Exception e) {
        return e instanceof TimeoutException || e.getClass().getSimpleName().equals("BufferExhaustedException");
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
        if (format != RecordFormat.AVRO) {
            return send((byte[]) key, Arrays.copyOfRange(b, off, off + len), 1, single);
        }
        if (blockRecords > 0 && blockKey != key) {
            sendBlock();
        }
        if (blockLength + len > block.length) {
            block = Arrays.copyOf(block, Math.max(block.length * 2, blockLength + len));
        }
        System.arraycopy(b, off, block, blockLength, len);
        blockLength += len;
        blockRecords++;
        blockKey = (byte[]) key;
        if (blockRecords >= maxRecords || blockLength >= MAX_BLOCK_BYTES) {
            return sendBlock();
        }
        return true;
    }

    private boolean sendBlock() {
        int n = blockRecords;
        byte[] message = FlowBlock.wrap(n, block, blockLength);
        blockRecords = 0;
        blockLength = 0;
        return send(blockKey, message, n, new Counting(stats, n));
    }

    private boolean send(byte[] key, byte[] value, int records, Callback callback) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), callback);
            return true;
        } catch (TimeoutException e) {
            stats.droppedBufferFull.add(records);
            return false;
        } catch (RuntimeException e) {
            stats.droppedError.add(records);
            return false;
        }
    }

    @Override
    public void endOfBatch(boolean ringEmpty) {
        if (blockRecords > 0) {
            sendBlock();
        }
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
