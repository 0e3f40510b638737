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

    /** The buffer, grown to hold {@code extra} more bytes. */
    private byte[] room(int extra) {
        byte[] b = buf;
        if (len + extra > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, len + extra));
            buf = b;
        }
        return b;
    }

    /**
     * Writes an Avro {@code long}; an {@code int} as well, whose encoding is the same for every int
     * value, and a union branch index or a map block count.
     */
    void writeLong(long v) {
        byte[] b = room(10);
        int p = len;
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            b[p++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        b[p++] = (byte) z;
        len = p;
    }

    /**
     * Writes a small non-negative {@code long} (0 to 63: a union branch, an empty map's count) as its one
     * byte.
     */
    void writeSmall(int v) {
        byte[] b = room(1);
        b[len++] = (byte) (v << 1);
    }

    /** Writes Avro {@code bytes}, or a {@code string} given as UTF-8: the length, then the bytes. */
    void writeBytes(byte[] b, int off, int n) {
        writeLong(n);
        byte[] d = room(n);
        System.arraycopy(b, off, d, len, n);
        len += n;
    }
}
