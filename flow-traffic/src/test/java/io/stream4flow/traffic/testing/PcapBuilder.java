package io.stream4flow.traffic.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Writes pcap and pcapng files and the frames inside them, byte by byte, for tests: IPv4 / IPv6 /
 * UDP packets, IPv4 TCP segments, Ethernet (with VLAN tags), Linux SLL / SLL2 and BSD null framing, pcap headers in
 * either byte order with micro- or nanosecond timestamps, pcapng sections, interfaces and packet
 * blocks. Nothing is validated, so tests build broken files with it too.
 */
public final class PcapBuilder {
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    /** TCP header flags (the low byte of the flags field). */
    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;

    private PcapBuilder() { }

    // ---------------------------------------------------------------- packets

    public static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        return new Out(true).u16(sourcePort).u16(destinationPort).u16(8 + payload.length).u16(0)
                .bytes(payload).toArray();
    }

    /** An IPv4 UDP packet with a correct header checksum. */
    public static byte[] udp4(String src, int sourcePort, String dst, int destinationPort, byte[] payload) {
        return ipv4(addr(src), addr(dst), PROTO_UDP, 0, new byte[0], udp(sourcePort, destinationPort, payload));
    }

    public static byte[] udp6(String src, int sourcePort, String dst, int destinationPort, byte[] payload) {
        return ipv6(addr(src), addr(dst), PROTO_UDP, udp(sourcePort, destinationPort, payload));
    }

    /**
     * An IPv4 packet.
     *
     * @param fragment the flags / fragment offset field (0x2000 = more fragments, low 13 bits = offset)
     * @param options header options, a multiple of 4 bytes (sets the IHL)
     */
    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, int fragment, byte[] options, byte[] body) {
        int headerLength = 20 + options.length;
        Out o = new Out(true).u8(0x40 | headerLength / 4).u8(0).u16(headerLength + body.length)
                .u16(0x1234).u16(fragment).u8(64).u8(protocol).u16(0).bytes(src).bytes(dst).bytes(options);
        byte[] header = o.toArray();
        int checksum = checksum(header);
        header[10] = (byte) (checksum >>> 8);
        header[11] = (byte) checksum;
        return concat(header, body);
    }

    /**
     * An IPv4 TCP segment: a 20-byte TCP header (no options, window 65535) with its checksum over the
     * pseudo-header, then {@code payload}.
     *
     * @param flags the header's flag bits ({@link #TCP_SYN} | {@link #TCP_ACK}, ...)
     */
    public static byte[] tcp4(String src, int sourcePort, String dst, int destinationPort, long seq, long ack,
            int flags, byte[] payload) {
        byte[] s = addr(src);
        byte[] d = addr(dst);
        byte[] segment = new Out(true).u16(sourcePort).u16(destinationPort).u32(seq).u32(ack).u8(5 << 4).u8(flags)
                .u16(65535).u16(0).u16(0).bytes(payload).toArray();
        byte[] pseudo = new Out(true).bytes(s).bytes(d).u8(0).u8(PROTO_TCP).u16(segment.length).toArray();
        int checksum = checksum(concat(pseudo, segment));
        segment[16] = (byte) (checksum >>> 8);
        segment[17] = (byte) checksum;
        return ipv4(s, d, PROTO_TCP, 0, new byte[0], segment);
    }

    /** The Internet checksum (RFC 1071) of {@code b}, an odd last byte padded with zero. */
    private static int checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (i + 1 < b.length ? b[i + 1] & 0xFF : 0);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** An IPv6 packet; {@code body} may start with extension headers ({@link #ipv6Extension}). */
    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] body) {
        return new Out(true).u32(0x6000_0000L).u16(body.length).u8(nextHeader).u8(64).bytes(src).bytes(dst)
                .bytes(body).toArray();
    }

    /** A hop-by-hop, routing or destination options header of {@code length} bytes (multiple of 8). */
    public static byte[] ipv6Extension(int nextHeader, int length) {
        return new Out(true).u8(nextHeader).u8(length / 8 - 1).bytes(new byte[length - 2]).toArray();
    }

    public static byte[] ipv6Fragment(int nextHeader, int offsetUnits, boolean more) {
        return new Out(true).u8(nextHeader).u8(0).u16(offsetUnits << 3 | (more ? 1 : 0)).u32(0xCAFE).toArray();
    }

    // ---------------------------------------------------------------- link layers

    /** An Ethernet II frame; each of {@code vlanTpids} adds a tag (0x8100, 0x88a8) outermost first. */
    public static byte[] ethernet(int etherType, byte[] payload, int... vlanTpids) {
        Out o = new Out(true).bytes(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        int vlan = 100;
        for (int tpid : vlanTpids) {
            o.u16(tpid).u16(vlan++);
        }
        return o.u16(etherType).bytes(payload).toArray();
    }

    public static byte[] sll(int protocol, byte[] payload) {
        return new Out(true).u16(0).u16(1).u16(6).bytes(new byte[8]).u16(protocol).bytes(payload).toArray();
    }

    public static byte[] sll2(int protocol, byte[] payload) {
        return new Out(true).u16(protocol).u16(0).u32(1).u16(1).u8(0).u8(6).bytes(new byte[8])
                .bytes(payload).toArray();
    }

    /** BSD null / loopback framing: the address family in the given byte order (2 IPv4, 24/30 IPv6). */
    public static byte[] nullLoopback(int family, boolean bigEndian, byte[] payload) {
        return new Out(bigEndian).u32(family).bytes(payload).toArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- files

    /** A classic pcap file. */
    public static final class Pcap {
        private final Out out;
        private final boolean nanos;

        public Pcap(int linkType, boolean bigEndian, boolean nanos) {
            this.out = new Out(bigEndian);
            this.nanos = nanos;
            out.u32(nanos ? 0xA1B23C4DL : 0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(262144).u32(linkType);
        }

        /** A record with its captured length equal to the frame. */
        public Pcap record(long timeMillis, byte[] frame) {
            return record(timeMillis, frame, frame.length);
        }

        /** A record header claiming {@code capturedLength} followed by the given bytes. */
        public Pcap record(long timeMillis, byte[] data, long capturedLength) {
            long seconds = Math.floorDiv(timeMillis, 1000);
            long ms = Math.floorMod(timeMillis, 1000);
            out.u32(seconds).u32(nanos ? ms * 1_000_000 : ms * 1000).u32(capturedLength).u32(data.length)
                    .bytes(data);
            return this;
        }

        public Pcap raw(byte[] b) {
            out.bytes(b);
            return this;
        }

        public byte[] toArray() {
            return out.toArray();
        }
    }

    /** A pcapng file: starts with a section header in the given byte order. */
    public static final class PcapNg {
        private final ByteArrayOutputStream file = new ByteArrayOutputStream();
        private boolean bigEndian;

        public PcapNg(boolean bigEndian) {
            section(bigEndian);
        }

        /** A new section (interfaces start again from 0), with a comment option. */
        public PcapNg section(boolean bigEndian) {
            this.bigEndian = bigEndian;
            Out body = out().u32(0x1A2B3C4DL).u16(1).u16(0).u64(-1)
                    .option(1, "test section".getBytes(StandardCharsets.US_ASCII)).u32(0);
            return block(0x0A0D0D0AL, body.toArray());
        }

        /** An interface; {@code tsResolution} < 0 leaves if_tsresol out, {@code tsOffset} 0 likewise. */
        public PcapNg iface(int linkType, int snapLength, int tsResolution, long tsOffsetSeconds) {
            Out body = out().u16(linkType).u16(0).u32(snapLength);
            if (tsResolution >= 0) {
                body.option(9, new byte[] {(byte) tsResolution});
            }
            if (tsOffsetSeconds != 0) {
                body.option(14, out().u64(tsOffsetSeconds).toArray());
            }
            body.option(2, "eth0".getBytes(StandardCharsets.US_ASCII)).u32(0);
            return block(1, body.toArray());
        }

        /** An enhanced packet block; {@code units} in the interface's timestamp resolution. */
        public PcapNg epb(int iface, long units, byte[] frame) {
            Out body = out().u32(iface).u32(units >>> 32).u32(units & 0xFFFF_FFFFL).u32(frame.length)
                    .u32(frame.length).bytes(frame).pad()
                    .option(1, "a packet".getBytes(StandardCharsets.US_ASCII)).u32(0);
            return block(6, body.toArray());
        }

        /** The obsolete packet block (type 2): 16-bit interface id and drop count. */
        public PcapNg obsoletePacket(int iface, long units, byte[] frame) {
            Out body = out().u16(iface).u16(0).u32(units >>> 32).u32(units & 0xFFFF_FFFFL).u32(frame.length)
                    .u32(frame.length).bytes(frame).pad();
            return block(2, body.toArray());
        }

        public PcapNg spb(byte[] frame) {
            return block(3, out().u32(frame.length).bytes(frame).pad().toArray());
        }

        /** Any block: type, length, body (padded), length. */
        public PcapNg block(long type, byte[] body) {
            int padded = (body.length + 3) & ~3;
            Out o = out().u32(type).u32(12 + padded).bytes(body).bytes(new byte[padded - body.length])
                    .u32(12 + padded);
            file.writeBytes(o.toArray());
            return this;
        }

        public PcapNg raw(byte[] b) {
            file.writeBytes(b);
            return this;
        }

        public byte[] toArray() {
            return file.toByteArray();
        }

        private Out out() {
            return new Out(bigEndian);
        }
    }

    /** Appends numbers in one byte order. */
    private static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();
        private final boolean bigEndian;

        Out(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Out u8(int v) {
            b.write(v);
            return this;
        }

        Out u16(int v) {
            return bigEndian ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
        }

        Out u32(long v) {
            return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
        }

        Out u64(long v) {
            return bigEndian ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
        }

        Out bytes(byte[] v) {
            b.writeBytes(v);
            return this;
        }

        Out pad() {
            while (b.size() % 4 != 0) {
                b.write(0);
            }
            return this;
        }

        /** A pcapng option: code, length, value padded to 32 bits. */
        Out option(int code, byte[] value) {
            u16(code).u16(value.length).bytes(value);
            return pad();
        }

        byte[] toArray() {
            return b.toByteArray();
        }
    }
}
