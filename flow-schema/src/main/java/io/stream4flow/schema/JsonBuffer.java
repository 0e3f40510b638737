package io.stream4flow.schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growable byte buffer that JSON is written into. Writing a record allocates nothing
 * once the buffer has grown to the size of the largest record seen; {@link #reset()} starts the
 * next one. Not thread-safe: one per encoding thread.
 *
 * <p>Value methods write only the value; callers write keys with {@link #key(byte[])}, which puts
 * the separating comma in front when the current object already has a member.
 */
public final class JsonBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;
    private static final int MAX_DEPTH = 64;

    private byte[] buf;
    private int len;
    /** Per nesting level: whether a member was written already (1) or not (0). */
    private final byte[] hasMember = new byte[MAX_DEPTH];
    private int depth;

    public JsonBuffer() {
        this(1024);
    }

    public JsonBuffer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public void reset() {
        len = 0;
        depth = 0;
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return len;
    }

    /**
     * A position to come back to with {@link #rewind(long)}: the length and the nesting state, so
     * that output begun there (even objects or arrays left open) can be discarded.
     */
    public long mark() {
        return ((long) depth << 32) | len | ((long) hasMember[depth] << 48);
    }

    /** Drops everything written since {@code mark} was taken. */
    public void rewind(long mark) {
        len = (int) mark;
        depth = (int) ((mark >>> 32) & 0xFFFF);
        hasMember[depth] = (byte) (mark >>> 48);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    // ---- structure ----

    public JsonBuffer beginObject() {
        ensure(1);
        buf[len++] = '{';
        push();
        return this;
    }

    public JsonBuffer endObject() {
        ensure(1);
        buf[len++] = '}';
        pop();
        return this;
    }

    public JsonBuffer beginArray() {
        ensure(1);
        buf[len++] = '[';
        push();
        return this;
    }

    public JsonBuffer endArray() {
        ensure(1);
        buf[len++] = ']';
        pop();
        return this;
    }

    private void push() {
        if (depth < MAX_DEPTH - 1) {
            depth++;
            hasMember[depth] = 0;
        }
    }

    private void pop() {
        if (depth > 0) {
            depth--;
        }
    }

    /** Writes the comma that separates array elements, when needed. */
    public JsonBuffer element() {
        if (hasMember[depth] != 0) {
            ensure(1);
            buf[len++] = ',';
        }
        hasMember[depth] = 1;
        return this;
    }

    /** Writes a member key given pre-encoded as {@code "name":}. */
    public JsonBuffer key(byte[] quotedKeyWithColon) {
        element();
        ensure(quotedKeyWithColon.length);
        System.arraycopy(quotedKeyWithColon, 0, buf, len, quotedKeyWithColon.length);
        len += quotedKeyWithColon.length;
        return this;
    }

    /** Writes a member key from a string (escaped); for code off the hot path. */
    public JsonBuffer key(String name) {
        element();
        string(name);
        ensure(1);
        buf[len++] = ':';
        return this;
    }

    /** Copies the first {@code n} bytes of {@code b}, already valid JSON. */
    public JsonBuffer raw(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, buf, len, n);
        len += n;
        return this;
    }

    /** Copies bytes that are already valid JSON. */
    public JsonBuffer raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    // ---- scalar values ----

    public JsonBuffer bool(boolean v) {
        return raw(v ? TRUE : FALSE);
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);

    public JsonBuffer nullValue() {
        return raw(NULL);
    }

    /** Writes a signed decimal number. */
    public JsonBuffer number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return raw(MIN_LONG);
            }
            ensure(1);
            buf[len++] = '-';
            v = -v;
        }
        return unsignedNumber(v);
    }

    /** "00".."99": two digits per division. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final long[] POWERS = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < 19; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    /** Decimal digits of {@code v >= 0} (Hacker's Delight 11-4: from the bit length, one comparison). */
    private static int digits(long v) {
        int t = ((64 - Long.numberOfLeadingZeros(v | 1)) * 1233) >>> 12;
        return t + 1 - (v < POWERS[t] ? 1 : 0);
    }

    /** Writes {@code v} as an unsigned 64-bit decimal number. */
    public JsonBuffer unsignedNumber(long v) {
        ensure(20);
        if (v >= 0 && v < 10) {
            buf[len++] = (byte) ('0' + v);
            return this;
        }
        if (v < 0) {
            // above Long.MAX_VALUE: the leading part, then the last digit
            long q = Long.divideUnsigned(v, 10);
            unsignedNumber(q);
            buf[len++] = (byte) ('0' + (v - q * 10));
            return this;
        }
        int n = digits(v);
        int pos = len + n;
        len = pos;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            buf[--pos] = DIGIT_PAIRS[2 * r + 1];
            buf[--pos] = DIGIT_PAIRS[2 * r];
            v = q;
        }
        if (v >= 10) {
            buf[--pos] = DIGIT_PAIRS[2 * (int) v + 1];
            buf[--pos] = DIGIT_PAIRS[2 * (int) v];
        } else {
            buf[--pos] = (byte) ('0' + v);
        }
        return this;
    }

    /** Writes a floating-point number; NaN and infinities, which JSON lacks, as null. */
    public JsonBuffer floating(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return nullValue();
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return number((long) v);
        }
        return raw(Double.toString(v).getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a JSON string, escaped. */
    public JsonBuffer string(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        return string(u, 0, u.length);
    }

    private JsonBuffer string(byte[] utf8, int off, int n) {
        ensure(2);
        buf[len++] = '"';
        escapeInto(utf8, off, n);
        buf[len++] = '"';
        return this;
    }

    /**
     * Writes bytes sent as an IPFIX string: UTF-8 up to the first NUL byte. Bytes that are not valid
     * UTF-8 make the value hex ({@code "0x..."}) instead, so nothing is lost or mangled.
     */
    public JsonBuffer utf8Field(byte[] b, int off, int n) {
        int end = off;
        int limit = off + n;
        while (end < limit && b[end] != 0) {
            end++;
        }
        if (!validUtf8(b, off, end)) {
            return hex(b, off, n);
        }
        ensure(2);
        buf[len++] = '"';
        escapeInto(b, off, end - off);
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    private void escapeInto(byte[] b, int off, int n) {
        ensure(n + 2);
        for (int i = off, end = off + n; i < end; i++) {
            byte c = b[i];
            if (c >= 0x20 && c != '"' && c != '\\') {
                ensure(1);
                buf[len++] = c;
            } else if (c < 0) { // part of a multi-byte UTF-8 sequence
                ensure(1);
                buf[len++] = c;
            } else {
                ensure(6);
                buf[len++] = '\\';
                switch (c) {
                    case '"' -> buf[len++] = '"';
                    case '\\' -> buf[len++] = '\\';
                    case '\n' -> buf[len++] = 'n';
                    case '\r' -> buf[len++] = 'r';
                    case '\t' -> buf[len++] = 't';
                    default -> {
                        buf[len++] = 'u';
                        buf[len++] = '0';
                        buf[len++] = '0';
                        buf[len++] = HEX[(c >> 4) & 0xF];
                        buf[len++] = HEX[c & 0xF];
                    }
                }
            }
        }
    }

    static boolean validUtf8(byte[] b, int off, int end) {
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + need >= end) {
                return false;
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }

    /** Writes bytes as {@code "0x..."} in lowercase hex ({@code "0x"} when empty). */
    public JsonBuffer hex(byte[] b, int off, int n) {
        ensure(n * 2 + 4);
        buf[len++] = '"';
        buf[len++] = '0';
        buf[len++] = 'x';
        for (int i = off, end = off + n; i < end; i++) {
            buf[len++] = HEX[(b[i] >> 4) & 0xF];
            buf[len++] = HEX[b[i] & 0xF];
        }
        buf[len++] = '"';
        return this;
    }

    /**
     * Writes an address as the flow JSON does: 4 bytes as a dotted quad, 16 bytes in RFC 5952 form, any other
     * length as {@code "0x..."} hex.
     */
    public JsonBuffer address(byte[] b, int off, int n) {
        return n == 4 ? ipv4(b, off) : n == 16 ? ipv6(b, off) : hex(b, off, n);
    }

    /** The text of {@link #address} without its quotes; resets this buffer first. */
    public String addressText(byte[] b) {
        reset();
        address(b, 0, b.length);
        return new String(buf, 1, len - 2, StandardCharsets.UTF_8);
    }

    /** Writes 4 bytes as a dotted-quad string. */
    public JsonBuffer ipv4(byte[] b, int off) {
        ensure(17);
        buf[len++] = '"';
        dottedQuad(b, off);
        buf[len++] = '"';
        return this;
    }

    private static final byte[] MAPPED_PREFIX = "::ffff:".getBytes(StandardCharsets.US_ASCII);

    /** Decimal text of 0..255, three bytes each, and its length. */
    private static final byte[] OCTETS = new byte[256 * 3];
    private static final byte[] OCTET_LENGTH = new byte[256];

    static {
        for (int v = 0; v < 256; v++) {
            byte[] t = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, OCTETS, v * 3, t.length);
            OCTET_LENGTH[v] = (byte) t.length;
        }
    }

    private void dottedQuad(byte[] b, int off) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                buf[len++] = '.';
            }
            int v = b[off + i] & 0xFF;
            int n = OCTET_LENGTH[v];
            int p = v * 3;
            buf[len] = OCTETS[p];
            if (n > 1) {
                buf[len + 1] = OCTETS[p + 1];
                if (n > 2) {
                    buf[len + 2] = OCTETS[p + 2];
                }
            }
            len += n;
        }
    }

    /**
     * Writes 16 bytes as an IPv6 address in RFC 5952 form: lowercase, no leading zeros, the longest
     * run (first when tied) of two or more zero groups as {@code ::}; IPv4-mapped addresses as
     * {@code ::ffff:a.b.c.d}.
     */
    public JsonBuffer ipv6(byte[] b, int off) {
        ensure(48);
        buf[len++] = '"';
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            if (b[off + i] != 0) {
                mapped = false;
                break;
            }
        }
        if (mapped && b[off + 10] == (byte) 0xFF && b[off + 11] == (byte) 0xFF) {
            for (byte c : MAPPED_PREFIX) {
                buf[len++] = c;
            }
            dottedQuad(b, off + 12);
            buf[len++] = '"';
            return this;
        }
        int bestStart = -1;
        int bestLen = 0;
        int curStart = -1;
        int curLen = 0;
        for (int g = 0; g < 8; g++) {
            int v = ((b[off + 2 * g] & 0xFF) << 8) | (b[off + 2 * g + 1] & 0xFF);
            if (v == 0) {
                if (curStart < 0) {
                    curStart = g;
                    curLen = 0;
                }
                curLen++;
                if (curLen > bestLen) {
                    bestLen = curLen;
                    bestStart = curStart;
                }
            } else {
                curStart = -1;
            }
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                buf[len++] = ':';
                buf[len++] = ':';
                g += bestLen - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLen) {
                buf[len++] = ':';
            }
            int v = ((b[off + 2 * g] & 0xFF) << 8) | (b[off + 2 * g + 1] & 0xFF);
            boolean started = false;
            for (int shift = 12; shift >= 0; shift -= 4) {
                int d = (v >> shift) & 0xF;
                if (d != 0 || started || shift == 0) {
                    buf[len++] = HEX[d];
                    started = true;
                }
            }
        }
        buf[len++] = '"';
        return this;
    }

    /** Writes 6 bytes as {@code aa:bb:cc:dd:ee:ff}. */
    public JsonBuffer mac(byte[] b, int off) {
        ensure(19);
        buf[len++] = '"';
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                buf[len++] = ':';
            }
            buf[len++] = HEX[(b[off + i] >> 4) & 0xF];
            buf[len++] = HEX[b[off + i] & 0xF];
        }
        buf[len++] = '"';
        return this;
    }

    /** Epoch milliseconds of a 64-bit NTP timestamp (RFC 7011 dateTimeMicro/Nanoseconds). */
    public static long ntpToEpochMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFF_FFFFL;
        return (seconds - NTP_UNIX_OFFSET_SECONDS) * 1000L + ((fraction * 1000L) >>> 32);
    }
}
