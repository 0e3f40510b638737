package io.stream4flow.schema.avro;

import java.util.List;
import org.apache.avro.Schema;

/**
 * A block of flow records: what one Kafka message of the Avro output holds. It is the Avro binary encoding
 * of an array of {@code io.stream4flow.FlowRecord} ({@link #schema()}) written as one array block: the record
 * count (a zig-zag varint), the records back to back, and the 0 that ends an array. Any Avro reader given
 * {@link #json()} reads it; Spark's {@code from_avro} gives an array to explode.
 *
 * <p>Why blocks and not one record per message: the producer's cost is per message (a record object, a copy,
 * a callback, the accumulator's lock), and so is the consumer's (a row per message in Spark's Kafka source);
 * a block of a few dozen records of one exporter pays it once for all of them. The message key stays the
 * exporter.
 */
public final class FlowBlock {
    private static final Schema SCHEMA = Schema.createArray(FlowAvroSchema.schema());
    /** The byte ending an array: a block count of 0. */
    public static final int TRAILER_LENGTH = 1;

    private FlowBlock() {
    }

    /** The schema of a block: an array of flow records. */
    public static Schema schema() {
        return SCHEMA;
    }

    /** The block schema as JSON text, for {@code from_avro} and other readers. */
    public static String json() {
        return SCHEMA.toString();
    }

    /** The bytes the count of {@code records} takes before them. */
    public static int headerLength(int records) {
        long v = zigZag(records);
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * A block of {@code records} encoded records: allocates the message and copies {@code length} bytes of
     * {@code body} (the records back to back) into it between the count and the trailer.
     */
    public static byte[] wrap(int records, byte[] body, int length) {
        if (records <= 0) {
            throw new IllegalArgumentException("a block holds at least one record, not " + records);
        }
        int h = headerLength(records);
        byte[] m = new byte[h + length + TRAILER_LENGTH];
        long v = zigZag(records);
        int i = 0;
        while ((v & ~0x7FL) != 0) {
            m[i++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        m[i] = (byte) v;
        System.arraycopy(body, 0, m, h, length);
        m[h + length] = 0;
        return m;
    }

    /** A block of the encoded records given (tests, tools). */
    public static byte[] of(List<byte[]> records) {
        int n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        byte[] body = new byte[n];
        int o = 0;
        for (byte[] r : records) {
            System.arraycopy(r, 0, body, o, r.length);
            o += r.length;
        }
        return wrap(records.size(), body, n);
    }

    /**
     * The record count of a block as {@link #wrap} writes it (one array block): the count before the records,
     * read without decoding them; -1 when the message does not begin with a positive count.
     */
    public static long records(byte[] m) {
        long v = 0;
        for (int i = 0, shift = 0; i < m.length && shift < 64; i++, shift += 7) {
            v |= (long) (m[i] & 0x7F) << shift;
            if ((m[i] & 0x80) == 0) {
                long n = (v >>> 1) ^ -(v & 1);
                return n > 0 ? n : -1;
            }
        }
        return -1;
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
