package io.stream4flow.collector.encode;

import java.util.Arrays;

/**
 * A reusable, growable byte buffer that Avro binary encoding is written into (Avro 1.11
 * specification, "Binary Encoding"): {@code int} and {@code long} as zig-zag varints (7 bits per byte,
 * low bits first, high bit set on every byte but the last), {@code bytes} and {@code string} as a long
 * length followed by the bytes (strings in UTF-8), a union as the long index of its branch followed by
 * the value, a map as blocks of a long count followed by that many key/value pairs, ended by a count of
 * 0. Nothing else of the format is needed for flow records.
 *
 * <p>Allocates only to grow; {@link #reset()} starts the next record. Not thread-safe.
 */
final class AvroBuffer {
    private byte[] buf;
    private int len;

    AvroBuffer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    void reset() {
        len = 0;
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return len;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    /**
     * Writes an Avro {@code long}; an {@code int} as well, whose encoding is the same for every int
     * value, and a union branch index or a map block count.
     */
    void writeLong(long v) {
        ensure(10);
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            buf[len++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[len++] = (byte) z;
    }

    /** Writes Avro {@code bytes}, or a {@code string} given as UTF-8: the length, then the bytes. */
    void writeBytes(byte[] b, int off, int n) {
        writeLong(n);
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }
}
