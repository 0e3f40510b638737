package io.stream4flow.traffic.capture;

import java.io.IOException;

/**
 * Records of a classic libpcap file, in either byte order, with microsecond or nanosecond
 * timestamps (told apart by the magic number).
 *
 * <pre>
 * file header (24 bytes, byte order of the writer; the magic tells which)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |      magic a1b2c3d4 (microseconds) or a1b23c4d (nanoseconds)   |  0
 * |     version major (2)         |      version minor (4)        |  4
 * |                  this zone (ignored)                          |  8
 * |                  sig figs (ignored)                           | 12
 * |                  snap length                                  | 16
 * | FCS info (4 bits)  reserved   |         link type             | 20
 * +---------------------------------------------------------------+
 * record header (16 bytes), then captured-length bytes of the frame
 * |                  timestamp seconds                            |  0
 * |        timestamp microseconds or nanoseconds                  |  4
 * |                  captured length                              |  8
 * |                  original length (ignored)                    | 12
 * </pre>
 */
final class PcapRecords implements FrameSource {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;

    static final int FILE_HEADER_LENGTH = 24;
    static final int VERSION_MAJOR_OFFSET = 4;
    static final int LINK_TYPE_OFFSET = 20;
    static final int RECORD_HEADER_LENGTH = 16;
    static final int TS_SECONDS_OFFSET = 0;
    static final int TS_FRACTION_OFFSET = 4;
    static final int CAPTURED_LENGTH_OFFSET = 8;

    private final CaptureInput in;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final byte[] header = new byte[FILE_HEADER_LENGTH];

    /**
     * Reads the file header; the first four bytes (the magic, given in file order as a big-endian
     * int) were read already.
     */
    PcapRecords(CaptureInput in, int magicBigEndian) throws IOException {
        this.in = in;
        int swapped = Integer.reverseBytes(magicBigEndian);
        this.bigEndian = magicBigEndian == MAGIC_MICROS || magicBigEndian == MAGIC_NANOS;
        int magic = bigEndian ? magicBigEndian : swapped;
        this.nanos = magic == MAGIC_NANOS;
        in.require(4, FILE_HEADER_LENGTH - 4, "pcap file header");
        in.readFully(header, 4, FILE_HEADER_LENGTH - 4);
        int major = Bytes.u16(header, VERSION_MAJOR_OFFSET, bigEndian);
        if (major != 2) {
            throw in.error(VERSION_MAJOR_OFFSET, "unsupported pcap version " + major);
        }
        this.linkType = (int) Bytes.u32(header, LINK_TYPE_OFFSET, bigEndian) & 0xFFFF;
    }

    static boolean isMagic(int firstFourBigEndian) {
        int s = Integer.reverseBytes(firstFourBigEndian);
        return firstFourBigEndian == MAGIC_MICROS || firstFourBigEndian == MAGIC_NANOS
                || s == MAGIC_MICROS || s == MAGIC_NANOS;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        long at = in.offset();
        if (in.remaining() == 0) {
            return false;
        }
        in.require(at, RECORD_HEADER_LENGTH, "record header");
        in.readFully(header, 0, RECORD_HEADER_LENGTH);
        long seconds = Bytes.u32(header, TS_SECONDS_OFFSET, bigEndian);
        long fraction = Bytes.u32(header, TS_FRACTION_OFFSET, bigEndian);
        long captured = Bytes.u32(header, CAPTURED_LENGTH_OFFSET, bigEndian);
        if (captured > Frame.MAX_CAPTURED) {
            throw in.error(at, "record captured length " + captured + " exceeds the maximum "
                    + Frame.MAX_CAPTURED);
        }
        in.require(at, captured, "record data");
        int n = (int) captured;
        in.readFully(frame.buffer(n), 0, n);
        frame.length = n;
        frame.linkType = linkType;
        frame.timeMillis = seconds * 1000 + (nanos ? fraction / 1_000_000 : fraction / 1000);
        return true;
    }
}
