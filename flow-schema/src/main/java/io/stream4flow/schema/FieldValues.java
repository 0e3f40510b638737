package io.stream4flow.schema;

/**
 * Writes one field's value as JSON from the bytes sent on the wire, typed by its element's data
 * type (RFC 7011 section 6, RFC 7012 section 3.1):
 *
 * <ul>
 *   <li>unsigned / signed integers: a JSON number from 1 to 8 bytes: reduced-size encoding (fewer
 *       bytes than the type's size) and the wider fields some NetFlow v9 exporters send (a 2-byte
 *       samplerId) included; signed values are sign-extended; longer than 8 bytes: hex;
 *   <li>float32 / float64: a JSON number (float64 sent in 4 bytes is read as float32);
 *   <li>boolean: {@code true} (1) or {@code false} (2); any other byte as its number;
 *   <li>ipv4Address / ipv6Address: a string, IPv6 in RFC 5952 form; macAddress {@code aa:bb:..};
 *   <li>string: UTF-8 text up to the first NUL byte; bytes that are not UTF-8 as hex;
 *   <li>dateTimeSeconds / Milliseconds / Microseconds / Nanoseconds: epoch milliseconds;
 *   <li>octetArray, elements with no definition, and any typed field whose length does not fit its
 *       type (an address of the wrong size, an integer of more than 8 bytes): {@code "0x..."} hex.
 * </ul>
 *
 * Lists (RFC 6313) are written by the caller, which knows the templates; given here they come out
 * as hex. Allocation-free except for float values that are not integral.
 */
public final class FieldValues {
    private FieldValues() { }

    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** Reads {@code n} (0..8) bytes big-endian as an unsigned value. */
    public static long readUnsigned(byte[] b, int off, int n) {
        switch (n) {
            case 1:
                return b[off] & 0xFF;
            case 2:
                return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
            case 4:
                return ((int) INT.get(b, off)) & 0xFFFF_FFFFL;
            case 8:
                return (long) LONG.get(b, off);
            default:
                break;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Reads {@code n} (1..8) bytes big-endian as a two's-complement signed value. */
    public static long readSigned(byte[] b, int off, int n) {
        long v = readUnsigned(b, off, n);
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    /** Returned by {@link #integer} for a value that {@link #write} does not write as such an integer. */
    public static final long NOT_INTEGER = Long.MIN_VALUE;

    /**
     * The integer that {@link #write} writes for this field, when it writes an integer a signed long
     * holds; {@link #NOT_INTEGER} for anything else: hex, strings, addresses, booleans, floats,
     * unsigned values above {@code Long.MAX_VALUE} (and {@code Long.MIN_VALUE} itself). For the
     * Avro encoder's typed columns, which must give back exactly the JSON number.
     */
    public static long integer(DataType type, byte[] b, int off, int n) {
        switch (type) {
            case UNSIGNED8, UNSIGNED16, UNSIGNED32, UNSIGNED64, DATE_TIME_MILLISECONDS -> {
                long v = n >= 1 && n <= 8 ? readUnsigned(b, off, n) : -1;
                return v < 0 ? NOT_INTEGER : v;
            }
            case SIGNED8, SIGNED16, SIGNED32, SIGNED64 -> {
                return n >= 1 && n <= 8 ? readSigned(b, off, n) : NOT_INTEGER;
            }
            case BOOLEAN -> {
                if (n < 1 || n > 8 || (n == 1 && (b[off] == 1 || b[off] == 2))) {
                    return NOT_INTEGER;
                }
                long v = readUnsigned(b, off, n);
                return v < 0 ? NOT_INTEGER : v;
            }
            case DATE_TIME_SECONDS -> {
                return n >= 1 && n <= 4 ? readUnsigned(b, off, n) * 1000L : NOT_INTEGER;
            }
            case DATE_TIME_MICROSECONDS, DATE_TIME_NANOSECONDS -> {
                return n == 8 ? JsonBuffer.ntpToEpochMillis(readUnsigned(b, off, 8)) : NOT_INTEGER;
            }
            default -> {
                return NOT_INTEGER;
            }
        }
    }

    public static void write(JsonBuffer out, DataType type, byte[] b, int off, int n) {
        switch (type) {
            case UNSIGNED8, UNSIGNED16, UNSIGNED32, UNSIGNED64 -> {
                if (n >= 1 && n <= 8) {
                    out.unsignedNumber(readUnsigned(b, off, n));
                } else {
                    out.hex(b, off, n);
                }
            }
            case SIGNED8, SIGNED16, SIGNED32, SIGNED64 -> {
                if (n >= 1 && n <= 8) {
                    out.number(readSigned(b, off, n));
                } else {
                    out.hex(b, off, n);
                }
            }
            case FLOAT32, FLOAT64 -> {
                if (n == 4) {
                    out.floating(Float.intBitsToFloat((int) readUnsigned(b, off, 4)));
                } else if (n == 8 && type == DataType.FLOAT64) {
                    out.floating(Double.longBitsToDouble(readUnsigned(b, off, 8)));
                } else {
                    out.hex(b, off, n);
                }
            }
            case BOOLEAN -> {
                if (n == 1 && (b[off] == 1 || b[off] == 2)) {
                    out.bool(b[off] == 1);
                } else if (n >= 1 && n <= 8) {
                    out.unsignedNumber(readUnsigned(b, off, n));
                } else {
                    out.hex(b, off, n);
                }
            }
            case MAC_ADDRESS -> {
                if (n == 6) {
                    out.mac(b, off);
                } else {
                    out.hex(b, off, n);
                }
            }
            case IPV4_ADDRESS -> {
                if (n == 4) {
                    out.ipv4(b, off);
                } else {
                    out.hex(b, off, n);
                }
            }
            case IPV6_ADDRESS -> {
                if (n == 16) {
                    out.ipv6(b, off);
                } else {
                    out.hex(b, off, n);
                }
            }
            case STRING -> out.utf8Field(b, off, n);
            case DATE_TIME_SECONDS -> {
                if (n >= 1 && n <= 4) {
                    out.number(readUnsigned(b, off, n) * 1000L);
                } else {
                    out.hex(b, off, n);
                }
            }
            case DATE_TIME_MILLISECONDS -> {
                if (n >= 1 && n <= 8) {
                    out.unsignedNumber(readUnsigned(b, off, n));
                } else {
                    out.hex(b, off, n);
                }
            }
            case DATE_TIME_MICROSECONDS, DATE_TIME_NANOSECONDS -> {
                if (n == 8) {
                    out.number(JsonBuffer.ntpToEpochMillis(readUnsigned(b, off, 8)));
                } else {
                    out.hex(b, off, n);
                }
            }
            default -> out.hex(b, off, n);
        }
    }
}
