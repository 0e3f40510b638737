package io.stream4flow.traffic.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Packet blocks of a pcapng file (RFC draft-ietf-opsawg-pcapng): sections in either byte order,
 * interface descriptions with their own link type, timestamp resolution and offset, enhanced,
 * simple and obsolete packet blocks. Every other block type is skipped and counted.
 *
 * <pre>
 * every block
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                          block type                           |  0
 * |                      block total length                       |  4
 * /                  body (padded to 32 bits)                     /  8
 * |                      block total length                       |  total - 4
 * +---------------------------------------------------------------+
 * section header body:  byte-order magic 1a2b3c4d | major u16 (1) | minor u16 | section length i64 | options
 * interface body:       link type u16 | reserved u16 | snap length u32 | options
 *                       (option 9 if_tsresol: 1 byte; option 14 if_tsoffset: i64 seconds)
 * enhanced packet body: interface id u32 | timestamp high u32 | timestamp low u32 |
 *                       captured length u32 | original length u32 | data (padded) | options
 * obsolete packet body: interface id u16 | drops u16 | then as the enhanced packet block
 * simple packet body:   original length u32 | data (padded); interface 0, no timestamp
 * options:              code u16 | length u16 | value (padded to 32 bits) ... code 0 ends
 * </pre>
 *
 * <p>A simple packet block has no timestamp: it gets the time of the last timestamped packet of
 * the file (0 before any).
 */
final class PcapNgBlocks implements FrameSource {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    static final int OPTION_END = 0;
    static final int OPTION_TS_RESOLUTION = 9;
    static final int OPTION_TS_OFFSET = 14;

    /** type, length, fixed packet fields (20), trailer. */
    static final int PACKET_BLOCK_MIN = 32;
    static final int SIMPLE_BLOCK_MIN = 16;
    static final int SECTION_BLOCK_MIN = 28;
    static final int INTERFACE_BLOCK_MIN = 20;
    /** Largest option area of an interface block that is parsed; larger is taken as corrupt. */
    static final int MAX_OPTIONS = 1 << 16;
    static final int MAX_INTERFACES = 1 << 16;

    private final CaptureInput in;
    private final long[] counters;
    private final byte[] head = new byte[24];
    private final List<Interface> interfaces = new ArrayList<>();
    private byte[] options = new byte[256];
    private boolean bigEndian;
    private long lastTimeMillis;

    /** Reads the first section header; its block type (4 bytes) was read already. */
    PcapNgBlocks(CaptureInput in, long[] counters) throws IOException {
        this.in = in;
        this.counters = counters;
        sectionHeader(0);
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        while (true) {
            long at = in.offset();
            if (in.remaining() == 0) {
                return false;
            }
            in.require(at, 8, "block header");
            in.readFully(head, 0, 4);
            long type = Bytes.u32(head, 0, bigEndian);
            if (type == SECTION_HEADER) {
                sectionHeader(at);
                continue;
            }
            in.readFully(head, 0, 4);
            long total = Bytes.u32(head, 0, bigEndian);
            checkTotal(at, total, 12, 8);
            if (type == ENHANCED_PACKET || type == OBSOLETE_PACKET) {
                packet(at, total, type == OBSOLETE_PACKET, frame);
                return true;
            } else if (type == SIMPLE_PACKET) {
                simplePacket(at, total, frame);
                return true;
            } else if (type == INTERFACE_DESCRIPTION) {
                interfaceDescription(at, total);
            } else {
                in.skip(total - 12);
                trailer(at, total);
                counters[CaptureCounter.SKIPPED_BLOCKS.ordinal()]++;
            }
        }
    }

    /** A section header whose type was read; sets the byte order of the section. */
    private void sectionHeader(long at) throws IOException {
        in.require(at, 8, "section header");
        in.readFully(head, 0, 8);
        long magic = Bytes.u32be(head, 4);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (magic == Integer.toUnsignedLong(Integer.reverseBytes(BYTE_ORDER_MAGIC))) {
            bigEndian = false;
        } else {
            throw in.error(at + 8, "bad pcapng byte-order magic 0x" + Long.toHexString(magic));
        }
        long total = Bytes.u32(head, 0, bigEndian);
        checkTotal(at, total, SECTION_BLOCK_MIN, 12);
        in.readFully(head, 0, 12);
        int major = Bytes.u16(head, 0, bigEndian);
        if (major != 1) {
            throw in.error(at + 12, "unsupported pcapng version " + major);
        }
        in.skip(total - SECTION_BLOCK_MIN);
        trailer(at, total);
        interfaces.clear();
    }

    private void interfaceDescription(long at, long total) throws IOException {
        if (total < INTERFACE_BLOCK_MIN) {
            throw in.error(at, "interface description block length " + total + " below " + INTERFACE_BLOCK_MIN);
        }
        long optionLength = total - INTERFACE_BLOCK_MIN;
        if (optionLength > MAX_OPTIONS) {
            throw in.error(at, "interface description options of " + optionLength + " bytes exceed "
                    + MAX_OPTIONS);
        }
        if (interfaces.size() >= MAX_INTERFACES) {
            throw in.error(at, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        in.readFully(head, 0, 8);
        int linkType = Bytes.u16(head, 0, bigEndian);
        long snapLength = Bytes.u32(head, 4, bigEndian);
        int n = (int) optionLength;
        if (options.length < n) {
            options = new byte[n];
        }
        in.readFully(options, 0, n);
        int resolution = 6;
        long offsetSeconds = 0;
        int pos = 0;
        while (pos + 4 <= n) {
            int code = Bytes.u16(options, pos, bigEndian);
            int len = Bytes.u16(options, pos + 2, bigEndian);
            if (code == OPTION_END) {
                break;
            }
            int padded = (len + 3) & ~3;
            if (pos + 4 + padded > n) {
                throw in.error(at + 16 + pos, "interface option " + code + " of " + len
                        + " bytes runs past its block");
            }
            if (code == OPTION_TS_RESOLUTION && len >= 1) {
                resolution = Bytes.u8(options, pos + 4);
            } else if (code == OPTION_TS_OFFSET && len >= 8) {
                offsetSeconds = Bytes.u64(options, pos + 4, bigEndian);
            }
            pos += 4 + padded;
        }
        if (!Interface.supported(resolution)) {
            throw in.error(at, "unsupported timestamp resolution 0x" + Integer.toHexString(resolution));
        }
        trailer(at, total);
        interfaces.add(new Interface(linkType, snapLength, resolution, offsetSeconds));
    }

    private void packet(long at, long total, boolean obsolete, Frame frame) throws IOException {
        if (total < PACKET_BLOCK_MIN) {
            throw in.error(at, "packet block length " + total + " below " + PACKET_BLOCK_MIN);
        }
        in.readFully(head, 0, 20);
        long id = obsolete ? Bytes.u16(head, 0, bigEndian) : Bytes.u32(head, 0, bigEndian);
        long units = Bytes.u32(head, 4, bigEndian) << 32 | Bytes.u32(head, 8, bigEndian);
        long captured = Bytes.u32(head, 12, bigEndian);
        if (captured > total - PACKET_BLOCK_MIN) {
            throw in.error(at, "captured length " + captured + " larger than its block (" + total + " bytes)");
        }
        Interface itf = interfaceOf(at, id);
        lastTimeMillis = itf.millis(units);
        read(frame, at, captured, total - PACKET_BLOCK_MIN - captured, itf.linkType, lastTimeMillis);
        trailer(at, total);
    }

    private void simplePacket(long at, long total, Frame frame) throws IOException {
        if (total < SIMPLE_BLOCK_MIN) {
            throw in.error(at, "simple packet block length " + total + " below " + SIMPLE_BLOCK_MIN);
        }
        in.readFully(head, 0, 4);
        Interface itf = interfaceOf(at, 0);
        long captured = Math.min(Bytes.u32(head, 0, bigEndian), total - SIMPLE_BLOCK_MIN);
        if (itf.snapLength > 0) {
            captured = Math.min(captured, itf.snapLength);
        }
        read(frame, at, captured, total - SIMPLE_BLOCK_MIN - captured, itf.linkType, lastTimeMillis);
        trailer(at, total);
    }

    private void read(Frame frame, long at, long captured, long rest, int linkType, long time)
            throws IOException {
        if (captured > Frame.MAX_CAPTURED) {
            throw in.error(at, "captured length " + captured + " exceeds the maximum " + Frame.MAX_CAPTURED);
        }
        int n = (int) captured;
        in.readFully(frame.buffer(n), 0, n);
        in.skip(rest);
        frame.length = n;
        frame.linkType = linkType;
        frame.timeMillis = time;
    }

    private Interface interfaceOf(long at, long id) throws CaptureFormatException {
        if (id >= interfaces.size()) {
            throw in.error(at, "packet of interface " + id + " but the section describes "
                    + interfaces.size() + " interfaces");
        }
        return interfaces.get((int) id);
    }

    /**
     * Checks a block's total length before its body is read: at least {@code min}, a multiple of
     * 4, and all of it (less the {@code read} bytes already taken) in the file.
     */
    private void checkTotal(long at, long total, int min, int read) throws CaptureFormatException {
        if (total < min || (total & 3) != 0) {
            throw in.error(at, "bad block length " + total);
        }
        in.require(at, total - read, "block");
    }

    private void trailer(long at, long total) throws IOException {
        in.readFully(head, 0, 4);
        long trailing = Bytes.u32(head, 0, bigEndian);
        if (trailing != total) {
            throw in.error(at, "block trailer length " + trailing + " differs from header length " + total);
        }
    }

    /** What an interface description block says about the packets of that interface. */
    private record Interface(int linkType, long snapLength, int resolution, long offsetSeconds) {
        private static final long[] POW10 = new long[19];

        static {
            POW10[0] = 1;
            for (int i = 1; i < POW10.length; i++) {
                POW10[i] = POW10[i - 1] * 10;
            }
        }

        /** if_tsresol: most significant bit clear = 10^-n seconds, set = 2^-n seconds. */
        static boolean supported(int resolution) {
            int n = resolution & 0x7F;
            return (resolution & 0x80) != 0 ? n < 64 : n <= 21;
        }

        /** Converts timestamp units (an unsigned 64-bit count) to epoch milliseconds. */
        long millis(long units) {
            int n = resolution & 0x7F;
            long ms;
            if ((resolution & 0x80) != 0) {
                long fraction = n == 0 ? 0 : units & ((1L << n) - 1);
                int bits = n;
                if (bits > 53) {
                    fraction >>>= bits - 53;
                    bits = 53;
                }
                ms = (units >>> n) * 1000 + ((fraction * 1000) >>> bits);
            } else if (n <= 3) {
                ms = units * POW10[3 - n];
            } else {
                ms = Long.divideUnsigned(units, POW10[n - 3]);
            }
            return ms + offsetSeconds * 1000;
        }
    }
}
