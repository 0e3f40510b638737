package io.stream4flow.bench;

import java.util.Arrays;

/**
 * Writes export messages byte by byte, big-endian as on the wire, for benchmark setup (never in a
 * measured loop). Lengths that are only known at the end (IPFIX message length, set lengths) are
 * written as placeholders and patched with {@link #putU16At}.
 */
final class MessageWriter {
    private byte[] buf = new byte[256];
    private int len;

    int position() {
        return len;
    }

    MessageWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    MessageWriter u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    MessageWriter u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    MessageWriter u64(long v) {
        return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
    }

    /** An IPv4 address given as four octets. */
    MessageWriter ipv4(int a, int b, int c, int d) {
        return u8(a).u8(b).u8(c).u8(d);
    }

    /** Zero bytes (padding). */
    MessageWriter zeros(int n) {
        for (int i = 0; i < n; i++) {
            u8(0);
        }
        return this;
    }

    /** Overwrites two bytes written earlier. */
    MessageWriter putU16At(int offset, int v) {
        buf[offset] = (byte) (v >>> 8);
        buf[offset + 1] = (byte) v;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
