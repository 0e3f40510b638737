package io.stream4flow.traffic.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes NetFlow v5 / v9 and IPFIX messages byte by byte for tests: headers, sets whose lengths are
 * patched when they end, and raw values. Nothing is checked: tests build malformed input with it too.
 */
public final class PacketWriter {
    private byte[] buf = new byte[256];
    private int len;
    private final Deque<Integer> sets = new ArrayDeque<>();

    public static PacketWriter ipfix(long domain, long exportSecs, long seq) {
        PacketWriter w = new PacketWriter();
        return w.u16(10).u16(0).u32(exportSecs).u32(seq).u32(domain);
    }

    public static PacketWriter v9(int count, long uptimeMs, long unixSecs, long seq, long sourceId) {
        return new PacketWriter().u16(9).u16(count).u32(uptimeMs).u32(unixSecs).u32(seq).u32(sourceId);
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

    public PacketWriter ip(int a, int b, int c, int d) {
        return u8(a).u8(b).u8(c).u8(d);
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
        sets.push(len);
        return u16(id).u16(0);
    }

    public PacketWriter endSet() {
        int start = sets.pop();
        int l = len - start;
        buf[start + 2] = (byte) (l >>> 8);
        buf[start + 3] = (byte) l;
        return this;
    }

    /** A template record; fields as (element id, length) pairs, id with bit 15 set takes a PEN next. */
    public PacketWriter template(int id, int... idLen) {
        u16(id).u16(idLen.length / 2);
        for (int i = 0; i < idLen.length; i += 2) {
            u16(idLen[i]).u16(idLen[i + 1]);
        }
        return this;
    }

    /** Sets the IPFIX message length to the bytes written and returns the message. */
    public byte[] ipfixMessage() {
        buf[2] = (byte) (len >>> 8);
        buf[3] = (byte) len;
        return build();
    }

    public byte[] build() {
        return Arrays.copyOf(buf, len);
    }

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
