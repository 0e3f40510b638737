package io.stream4flow.traffic.capture;

/** Unsigned reads from byte arrays in either byte order. No bounds checks: callers check first. */
final class Bytes {
    private Bytes() { }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16be(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }

    static long u32be(byte[] b, int off) {
        return (long) u16be(b, off) << 16 | u16be(b, off + 2);
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? u16be(b, off) : (b[off + 1] & 0xFF) << 8 | (b[off] & 0xFF);
    }

    static long u32(byte[] b, int off, boolean bigEndian) {
        if (bigEndian) {
            return u32be(b, off);
        }
        return (long) u16(b, off + 2, false) << 16 | u16(b, off, false);
    }

    static long u64(byte[] b, int off, boolean bigEndian) {
        long first = u32(b, off, bigEndian);
        long second = u32(b, off + 4, bigEndian);
        return bigEndian ? first << 32 | second : second << 32 | first;
    }
}
