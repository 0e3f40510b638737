package io.stream4flow.collector.live.sink;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.avro.FlowBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.BufferExhaustedException;
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
 * <p>While the producer has no metadata for the topic it refuses a message at once, before buffering it: so it does
 * when the broker is stopped gracefully or restarts (its last answers drop the topic from the producer's view, and
 * nothing answers after). Such messages are held here instead, in order, and sent again once the producer takes them
 * (tried at most every {@value #RETRY_MILLIS} ms while traffic comes, and at {@link #close}; a full producer buffer
 * while they catch up waits too, rather than dropping them); while any is held, newer messages queue behind them, so
 * an exporter's records keep their order. The messages held by all the sinks of the collector take at most {@code
 * kafka.buffer} bytes in all, beyond which they are dropped as a full buffer. Holding allocates, but only while the
 * broker is away.
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
    /** How often held messages are offered to the producer again while it refuses them. */
    static final long RETRY_MILLIS = 100;
    /** How long {@link #close} keeps offering held messages before it leaves them undelivered (sink lag). */
    static final long CLOSE_RETRY_MILLIS = 10_000;

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
    /** Messages refused for want of metadata, oldest first. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    /** Bytes held by all the sinks of the producer, at most {@link #maxHeldBytes}. */
    private final AtomicLong heldBytes;
    private final long maxHeldBytes;
    private long nextRetryNanos;
    /** The thread in {@link #offer} (the decode handler's); the producer's own thread never equals it. */
    private Thread sendingThread;
    /** What the producer refused the message being offered with, inside {@code send}; null when it took it. */
    private Exception refused;

    private record Held(byte[] key, byte[] value, int records, Callback callback) { }

    /**
     * @param maxRecords records per message: 1 sends each record as it is (JSON); more sends blocks (Avro)
     * @param heldBytes the bytes held by all the sinks of {@code producer}, which may reach {@code maxHeldBytes}
     */
    KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic, SinkStats stats, RecordFormat format,
              int maxRecords, AtomicLong heldBytes, long maxHeldBytes) {
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
        this.single = new Counting(1);
        this.format = format;
        this.maxRecords = format == RecordFormat.AVRO ? Math.max(1, maxRecords) : 1;
        this.heldBytes = heldBytes;
        this.maxHeldBytes = maxHeldBytes;
    }

    @Override
    public RecordFormat format() {
        return format;
    }

    /**
     * Counts the records of one message when the broker acknowledged it, or why it did not. A refusal inside
     * {@code send} (the producer calls back on the sending thread: no metadata, a full buffer) is left to {@link
     * #offer}, which holds or counts it.
     */
    private final class Counting implements Callback {
        private final int records;

        Counting(int records) {
            this.records = records;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (e != null && Thread.currentThread() == sendingThread) {
                refused = e;
            } else if (e == null) {
                stats.delivered.add(records);
            } else if (bufferFull(e)) {
                stats.droppedBufferFull.add(records);
            } else {
                stats.droppedError.add(records);
            }
        }
    }

    /** A message the producer dropped from its buffer: full, or expired there (the broker away past the timeout). */
    private static boolean bufferFull(Exception e) {
        return e instanceof TimeoutException;
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
        return send(blockKey, message, n, new Counting(n));
    }

    private boolean send(byte[] key, byte[] value, int records, Callback callback) {
        if (!held.isEmpty() && !resend(false)) {
            return hold(key, value, records, callback);
        }
        switch (offer(key, value, callback)) {
            case SENT:
                return true;
            case NO_METADATA:
                return hold(key, value, records, callback);
            case FULL:
                stats.droppedBufferFull.add(records);
                return false;
            default:
                stats.droppedError.add(records);
                return false;
        }
    }

    private enum Offer { SENT, FULL, NO_METADATA, FAILED }

    /** Hands one message to the producer: taken, or refused (not counted here) and why. */
    private Offer offer(byte[] key, byte[] value, Callback callback) {
        sendingThread = Thread.currentThread();
        refused = null;
        try {
            producer.send(new ProducerRecord<>(topic, key, value), callback);
        } catch (RuntimeException e) {
            refused = e;
        }
        Exception e = refused;
        if (e == null) {
            return Offer.SENT;
        }
        if (e instanceof BufferExhaustedException) {
            return Offer.FULL;
        }
        return e instanceof TimeoutException ? Offer.NO_METADATA : Offer.FAILED;
    }

    /** Holds a refused message behind the others; false (dropped, counted) when the held bytes would pass the bound. */
    private boolean hold(byte[] key, byte[] value, int records, Callback callback) {
        if (heldBytes.addAndGet(value.length) > maxHeldBytes) {
            heldBytes.addAndGet(-value.length);
            stats.droppedBufferFull.add(records);
            return false;
        }
        if (held.isEmpty()) {
            nextRetryNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
        }
        held.addLast(new Held(key, value, records, callback));
        return true;
    }

    /**
     * Offers the held messages, oldest first, until the producer refuses one for metadata or a full buffer; unless
     * {@code now}, only once {@value #RETRY_MILLIS} ms passed since the last refusal. True when none is held any more.
     */
    private boolean resend(boolean now) {
        long t = System.nanoTime();
        if (!now && t - nextRetryNanos < 0) {
            return false;
        }
        while (!held.isEmpty()) {
            Held h = held.peekFirst();
            Offer o = offer(h.key(), h.value(), h.callback());
            if (o == Offer.NO_METADATA || o == Offer.FULL) {
                // still away, or catching up (the held ones come faster than the broker takes them): later
                nextRetryNanos = t + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
                return false;
            }
            if (o == Offer.FAILED) {
                stats.droppedError.add(h.records());
            }
            held.pollFirst();
            heldBytes.addAndGet(-h.value().length);
        }
        return true;
    }

    @Override
    public void endOfBatch(boolean ringEmpty) {
        if (blockRecords > 0) {
            sendBlock();
        }
        if (!held.isEmpty()) {
            resend(false);
        }
        if (pending > 0) {
            stats.accepted.add(pending);
            stats.bytes.add(pendingBytes);
            pending = 0;
            pendingBytes = 0;
        }
    }

    /**
     * Sends what is buffered; held messages are offered for up to {@value #CLOSE_RETRY_MILLIS} ms, then left
     * undelivered (they show as sink lag, as what the producer cannot deliver before it closes).
     */
    @Override
    public void close() {
        endOfBatch(false);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_RETRY_MILLIS);
        while (!resend(true) && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
