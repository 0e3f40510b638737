package io.stream4flow.traffic.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the UDP payloads out of a pcap or pcapng capture file: the offline input of the collector
 * (exporter traffic captured with tcpdump, Wireshark, dumpcap). Pcap in both byte orders with
 * microsecond or nanosecond timestamps; pcapng sections in both byte orders, per-interface link
 * types and timestamp resolutions, enhanced, simple and obsolete packet blocks, other blocks
 * skipped. Link types: Ethernet (with stacked 802.1Q / 802.1ad tags), Linux cooked SLL and SLL2,
 * raw IP (101, 12, 14, 228, 229), BSD null / OpenBSD loop. IPv4 and IPv6 (extension headers
 * walked); fragments are counted and skipped, not reassembled; everything that is not a UDP
 * payload is counted by reason ({@link CaptureCounter}).
 *
 * <p>Why a reader of our own: no library kept up to date reads both formats in pure Java. pcap4j
 * (last release 1.8.2, 2019; 2.0.0 alphas only) wraps the native libpcap through JNA, so reading a
 * file needs libpcap installed and loadable; io.pkts (pkts-core 3.0.x) is pure Java but reads
 * classic pcap only (its pcapng issue #86 is open since 2018); fr.bmartel pcapngdecoder (1.2) reads
 * pcapng only, whole files into memory; the Silicon Labs java-pcap reads both but is not published
 * to Maven Central; com.ardikars.pcap and jNetPcap are libpcap bindings again. The formats are
 * small and stable, and what this path needs (bounds checked before every read and allocation,
 * counted reasons, offsets in errors) is easier to guarantee in a few hundred lines we own, checked
 * against tshark on files written by scapy and editcap ({@code CaptureReaderToolsTest}).
 *
 * <p>Use: {@code try (CaptureReader r = CaptureReader.open(path)) { r.forEach(consumer); }} or a
 * loop over {@link #next()} with the accessors. Not thread-safe: one thread reads one file. A
 * truncated or corrupt file ends with a {@link CaptureFormatException} (file and offset in its
 * one-line message) after every payload before the bad spot was delivered; the counters stay
 * readable after it.
 */
public final class CaptureReader implements Closeable {
    private final CaptureInput in;
    private final FrameSource source;
    private final long[] counters;
    private final Frame frame = new Frame();
    private final PacketParser parser = new PacketParser();
    private byte[] exporter;

    private CaptureReader(CaptureInput in, FrameSource source, long[] counters) {
        this.in = in;
        this.source = source;
        this.counters = counters;
    }

    /**
     * Opens a capture file and reads its header.
     *
     * @throws CaptureFormatException when the file is neither pcap nor pcapng, or its header is bad
     */
    public static CaptureReader open(Path file) throws IOException {
        return open(CaptureInput.open(file));
    }

    /** Reads a capture held in memory; {@code name} is used in error messages. */
    public static CaptureReader open(String name, byte[] content) throws IOException {
        return open(CaptureInput.of(name, content));
    }

    /** True when the file starts like a pcap or pcapng file (else take it as a raw payload). */
    public static boolean isCapture(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream s = Files.newInputStream(file)) {
            if (s.readNBytes(magic, 0, 4) < 4) {
                return false;
            }
        }
        int m = (int) Bytes.u32be(magic, 0);
        return PcapRecords.isMagic(m) || m == PcapNgBlocks.SECTION_HEADER;
    }

    private static CaptureReader open(CaptureInput in) throws IOException {
        try {
            in.require(0, 4, "file magic");
            byte[] magic = new byte[4];
            in.readFully(magic, 0, 4);
            int m = (int) Bytes.u32be(magic, 0);
            long[] counters = new long[CaptureCounter.values().length];
            FrameSource source;
            if (PcapRecords.isMagic(m)) {
                source = new PcapRecords(in, m);
            } else if (m == PcapNgBlocks.SECTION_HEADER) {
                source = new PcapNgBlocks(in, counters);
            } else {
                throw in.error(0, "not a pcap or pcapng file (magic 0x" + Integer.toHexString(m) + ")");
            }
            return new CaptureReader(in, source, counters);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Advances to the next UDP payload of the file, counting the packets skipped on the way.
     *
     * @return false at the end of the file
     * @throws CaptureFormatException when the file is truncated or corrupt at the current record
     */
    public boolean next() throws IOException {
        while (source.next(frame)) {
            counters[CaptureCounter.PACKETS.ordinal()]++;
            CaptureCounter outcome = parser.parse(frame.linkType, frame.data, frame.length);
            counters[outcome.ordinal()]++;
            if (outcome == CaptureCounter.UDP_PAYLOADS) {
                int a = parser.addressOffset;
                int n = parser.addressLength;
                if (exporter == null || !Arrays.equals(exporter, 0, exporter.length, frame.data, a, a + n)) {
                    exporter = Arrays.copyOfRange(frame.data, a, a + n);
                }
                return true;
            }
        }
        return false;
    }

    /** Calls {@code consumer} with each remaining UDP payload of the file, in file order. */
    public void forEach(PayloadConsumer consumer) throws IOException {
        while (next()) {
            consumer.accept(exporter, parser.sourcePort, parser.destinationPort, frame.timeMillis,
                    frame.data, parser.payloadOffset, parser.payloadLength);
        }
    }

    /** Source IP address of the current packet, 4 or 16 bytes; never modified afterwards. */
    public byte[] exporter() {
        return exporter;
    }

    public int sourcePort() {
        return parser.sourcePort;
    }

    public int destinationPort() {
        return parser.destinationPort;
    }

    /** Capture time of the current packet, epoch milliseconds. */
    public long timeMillis() {
        return frame.timeMillis;
    }

    /** Holds the current payload; reused by {@link #next()}. */
    public byte[] payloadBuffer() {
        return frame.data;
    }

    public int payloadOffset() {
        return parser.payloadOffset;
    }

    public int payloadLength() {
        return parser.payloadLength;
    }

    /** A copy of the current payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(frame.data, parser.payloadOffset, parser.payloadOffset + parser.payloadLength);
    }

    /** How many packets (or blocks) were counted under {@code c} so far. */
    public long count(CaptureCounter c) {
        return counters[c.ordinal()];
    }

    /** The file name, as used in error messages. */
    public String name() {
        return in.name();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
