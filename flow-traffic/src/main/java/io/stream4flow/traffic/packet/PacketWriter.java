package io.stream4flow.traffic.packet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes NetFlow v5 / v9 and IPFIX export messages byte by byte, big-endian as on the wire: headers,
 * template records, sets whose lengths are patched when they end, and raw values. It is the one
 * message writer of the project: tests, benchmarks, the demo generator and the collector's warm-up
 * build their messages with it. Nothing is checked, so tests build malformed input with it too.
 *
 * <pre>
 * NetFlow v5 header (24)  version=5 | count | sysUptime (ms) | unix_secs | unix_nsecs | flow_sequence |
 *                         engine_type (1) | engine_id (1) | sampling (2)
 * NetFlow v9 header (20)  version=9 | count | sysUptime (ms) | unix_secs | sequence | source id
 * IPFIX header (16)       version=10 | length (patched by {@link #endIpfix()}) | export time (s) | sequence |
 *                         observation domain
 * set (4 + content)       set id | length (patched by {@link #endSet()})
 * template record         template id | field count | (element id | length [| PEN when bit 15 of the id])...
 * </pre>
 *
 * <p>Not thread-safe. A writer can be reused for one message after another ({@link #reset()}); once
 * its buffer has grown to the largest message, writing allocates nothing.
 */
public final class PacketWriter {
    /** Sets open at once (a set inside a set only happens in malformed test input). */
    private static final int MAX_OPEN_SETS = 16;

    private byte[] buf;
    private int len;
    private final int[] openSets = new int[MAX_OPEN_SETS];
    private int open;
    private ByteBuffer view;

    public PacketWriter() {
        this(256);
    }

    /** @param capacity initial buffer size in bytes; the buffer grows as needed */
    public PacketWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    /** A writer holding an IPFIX message header; {@link #ipfixMessage()} fills in the length. */
    public static PacketWriter ipfix(long domain, long exportSecs, long seq) {
        return new PacketWriter().ipfixHeader(domain, exportSecs, seq);
    }

    /** A writer holding a NetFlow v9 header of {@code count} records (template, options and data). */
    public static PacketWriter v9(int count, long uptimeMs, long unixSecs, long seq, long sourceId) {
        return new PacketWriter().u16(9).u16(count).u32(uptimeMs).u32(unixSecs).u32(seq).u32(sourceId);
    }

    /**
     * A writer holding a NetFlow v5 header; 48-byte records follow.
     *
     * @param sampling the header's last 16 bits: sampling mode (2 bits) and interval (14 bits)
     */
    public static PacketWriter v5(int count, long uptimeMs, long unixSecs, long unixNsecs, long seq,
            int engineType, int engineId, int sampling) {
        return new PacketWriter().u16(5).u16(count).u32(uptimeMs).u32(unixSecs).u32(unixNsecs).u32(seq)
                .u8(engineType).u8(engineId).u16(sampling);
    }

    /** Writes an IPFIX message header with a length of 0 for {@link #endIpfix()} to patch. */
    public PacketWriter ipfixHeader(long domain, long exportSecs, long seq) {
        return u16(10).u16(0).u32(exportSecs).u32(seq).u32(domain);
    }

    /** Empties the writer for the next message, keeping its buffer. */
    public PacketWriter reset() {
        len = 0;
        open = 0;
        return this;
    }

    public PacketWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public PacketWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public PacketWriter u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    public PacketWriter u64(long v) {
        return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
    }

    public PacketWriter bytes(byte... b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /** An IPv4 address given as four octets. */
    public PacketWriter ip(int a, int b, int c, int d) {
        return u8(a).u8(b).u8(c).u8(d);
    }

    /** {@code n} zero bytes (padding). */
    public PacketWriter zeros(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) 0);
        len += n;
        return this;
    }

    /** An IPFIX variable-length value: 1-byte length, or 255 and a 2-byte length from 255 up. */
    public PacketWriter varString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 255) {
            u8(b.length);
        } else {
            u8(255).u16(b.length);
        }
        return bytes(b);
    }

    /** Starts a set / flowset; {@link #endSet()} writes its length. */
    public PacketWriter set(int id) {
        if (open == MAX_OPEN_SETS) {
            throw new IllegalStateException(MAX_OPEN_SETS + " sets are open already");
        }
        openSets[open++] = len;
        return u16(id).u16(0);
    }

    /** Ends the set started last: patches its length to the bytes written since. */
    public PacketWriter endSet() {
        if (open == 0) {
            throw new IllegalStateException("no set is open");
        }
        int start = openSets[--open];
        return putU16At(start + 2, len - start);
    }

    /** A template record; fields as (element id, length) pairs, id with bit 15 set takes a PEN next. */
    public PacketWriter template(int id, int... idLen) {
        u16(id).u16(idLen.length / 2);
        for (int i = 0; i < idLen.length; i += 2) {
            u16(idLen[i]).u16(idLen[i + 1]);
        }
        return this;
    }

    /**
     * An IPFIX options template record (in set 3): the first {@code scopeCount} of the (element id, length)
     * pairs are its scope fields.
     */
    public PacketWriter optionsTemplate(int id, int scopeCount, int... idLen) {
        u16(id).u16(idLen.length / 2).u16(scopeCount);
        for (int i = 0; i < idLen.length; i += 2) {
            u16(idLen[i]).u16(idLen[i + 1]);
        }
        return this;
    }

    /** Overwrites two bytes written earlier. */
    public PacketWriter putU16At(int offset, int v) {
        buf[offset] = (byte) (v >>> 8);
        buf[offset + 1] = (byte) v;
        return this;
    }

    /** Sets the IPFIX message length (bytes 2..3) to the bytes written. */
    public PacketWriter endIpfix() {
        return putU16At(2, len);
    }

    /** Sets the IPFIX message length to the bytes written and returns a copy of the message. */
    public byte[] ipfixMessage() {
        return endIpfix().build();
    }

    /** A copy of the bytes written. */
    public byte[] build() {
        return Arrays.copyOf(buf, len);
    }

    /**
     * The bytes written, without copying: a buffer positioned at 0 with their length as limit, over the
     * writer's own array, so valid until the writer is next written to or reset.
     */
    public ByteBuffer buffer() {
        if (view == null || view.array() != buf) {
            view = ByteBuffer.wrap(buf);
        }
        return view.clear().limit(len);
    }

    /** Bytes written so far: the offset the next byte goes to. */
    public int length() {
        return len;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
