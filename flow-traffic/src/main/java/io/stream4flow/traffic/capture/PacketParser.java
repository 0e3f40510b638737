package io.stream4flow.traffic.capture;

import static io.stream4flow.traffic.capture.Bytes.u16be;
import static io.stream4flow.traffic.capture.Bytes.u8;

/**
 * Finds the UDP payload in one captured frame: link layer, IPv4 or IPv6 (with extension
 * headers), UDP. Pure: bytes in, the outcome and the positions of the parts out (in this object's
 * fields, overwritten by each call). Every read is checked against the captured length first.
 *
 * <pre>
 * Ethernet (1)        dst mac 6 | src mac 6 | [tpid 8100/88a8/9100 | tci 2]* | ethertype 2
 * Linux SLL (113)     packet type 2 | arphrd 2 | addr len 2 | addr 8 | protocol 2
 * Linux SLL2 (276)    protocol 2 | reserved 2 | ifindex 4 | arphrd 2 | pkt type 1 | addr len 1 | addr 8
 * BSD null (0)        address family u32 in the byte order of the capturing host (2 = IPv4;
 *                     10, 24, 28, 30 = IPv6); OpenBSD loop (108): the same in network order
 * raw IP (101, 12, 14) version nibble tells; 228 = IPv4, 229 = IPv6
 *
 * IPv4   0: version 4 | ihl 4 | tos 8 | total length 16
 *        4: identification 16 | flags 3 (MF = 0x2000) | fragment offset 13
 *        8: ttl 8 | protocol 8 | checksum 16;  12: source 32;  16: destination 32;  20: options
 * IPv6   0: version 4 | class 8 | flow label 20;  4: payload length 16 | next header 8 | hop limit 8
 *        8: source 128;  24: destination 128;  40: extension headers
 *        hop-by-hop (0), routing (43), destination options (60): next 8 | length 8 (8-byte units, less 1)
 *        fragment (44): next 8 | reserved 8 | offset 13 | res 2 | M 1 | identification 32
 *        authentication (51): next 8 | length 8 (4-byte units, less 2)
 * UDP    0: source port 16 | destination port 16;  4: length 16 | checksum 16;  8: payload
 * </pre>
 *
 * <p>The payload length comes from the UDP length field, so link-layer padding and trailers (an
 * Ethernet FCS) are not part of it; a UDP length past the captured bytes is {@code TRUNCATED}.
 */
final class PacketParser {
    static final int LINKTYPE_NULL = 0;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW_BSD = 12;
    static final int LINKTYPE_RAW_OPENBSD = 14;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LOOP = 108;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_IPV4 = 228;
    static final int LINKTYPE_IPV6 = 229;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERNET_HEADER = 14;
    static final int ETHERNET_TYPE_OFFSET = 12;
    static final int VLAN_TAG = 4;
    static final int MAX_VLAN_TAGS = 8;
    static final int SLL_HEADER = 16;
    static final int SLL_PROTOCOL_OFFSET = 14;
    static final int SLL2_HEADER = 20;
    static final int SLL2_PROTOCOL_OFFSET = 0;
    static final int NULL_HEADER = 4;

    static final int IPV4_MIN_HEADER = 20;
    static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    static final int IPV4_FRAGMENT_OFFSET = 6;
    static final int IPV4_PROTOCOL_OFFSET = 9;
    static final int IPV4_SOURCE_OFFSET = 12;
    static final int IPV4_MORE_FRAGMENTS = 0x2000;
    static final int IPV4_OFFSET_MASK = 0x1FFF;
    static final int IPV6_HEADER = 40;
    static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
    static final int IPV6_NEXT_HEADER_OFFSET = 6;
    static final int IPV6_SOURCE_OFFSET = 8;
    static final int MAX_EXTENSION_HEADERS = 16;

    static final int PROTO_HOP_BY_HOP = 0;
    static final int PROTO_UDP = 17;
    static final int PROTO_ROUTING = 43;
    static final int PROTO_FRAGMENT = 44;
    static final int PROTO_AH = 51;
    static final int PROTO_DEST_OPTIONS = 60;
    static final int UDP_HEADER = 8;

    /** Offset in the frame of the source address (4 or 16 bytes: {@link #addressLength}). */
    int addressOffset;
    int addressLength;
    int sourcePort;
    int destinationPort;
    int payloadOffset;
    int payloadLength;

    /**
     * Parses one frame.
     *
     * @return {@link CaptureCounter#UDP_PAYLOADS} when the fields hold a UDP payload, otherwise the
     *     counter telling why not
     */
    CaptureCounter parse(int linkType, byte[] b, int len) {
        switch (linkType) {
            case LINKTYPE_ETHERNET:
                return ethernet(b, len);
            case LINKTYPE_LINUX_SLL:
                return len < SLL_HEADER ? CaptureCounter.TRUNCATED
                        : byEtherType(u16be(b, SLL_PROTOCOL_OFFSET), b, SLL_HEADER, len);
            case LINKTYPE_LINUX_SLL2:
                return len < SLL2_HEADER ? CaptureCounter.TRUNCATED
                        : byEtherType(u16be(b, SLL2_PROTOCOL_OFFSET), b, SLL2_HEADER, len);
            case LINKTYPE_RAW:
            case LINKTYPE_RAW_BSD:
            case LINKTYPE_RAW_OPENBSD:
                return len < 1 ? CaptureCounter.TRUNCATED : byVersion(b, 0, len);
            case LINKTYPE_IPV4:
                return ipv4(b, 0, len);
            case LINKTYPE_IPV6:
                return ipv6(b, 0, len);
            case LINKTYPE_NULL:
            case LINKTYPE_LOOP:
                return loopback(linkType, b, len);
            default:
                return CaptureCounter.UNSUPPORTED_LINK_TYPE;
        }
    }

    private CaptureCounter ethernet(byte[] b, int len) {
        if (len < ETHERNET_HEADER) {
            return CaptureCounter.TRUNCATED;
        }
        int typeAt = ETHERNET_TYPE_OFFSET;
        int type = u16be(b, typeAt);
        for (int tags = 0; type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD; tags++) {
            if (tags == MAX_VLAN_TAGS) {
                return CaptureCounter.MALFORMED;
            }
            typeAt += VLAN_TAG;
            if (typeAt + 2 > len) {
                return CaptureCounter.TRUNCATED;
            }
            type = u16be(b, typeAt);
        }
        return byEtherType(type, b, typeAt + 2, len);
    }

    private CaptureCounter byEtherType(int type, byte[] b, int off, int len) {
        if (type == ETHERTYPE_IPV4) {
            return ipv4(b, off, len);
        } else if (type == ETHERTYPE_IPV6) {
            return ipv6(b, off, len);
        }
        return CaptureCounter.NOT_IP;
    }

    private CaptureCounter loopback(int linkType, byte[] b, int len) {
        if (len < NULL_HEADER) {
            return CaptureCounter.TRUNCATED;
        }
        long family = Bytes.u32be(b, 0);
        if (linkType == LINKTYPE_NULL && family > 0xFFFF) {
            family = Integer.toUnsignedLong(Integer.reverseBytes((int) family));
        }
        if (family == 2) {
            return ipv4(b, NULL_HEADER, len);
        } else if (family == 10 || family == 24 || family == 28 || family == 30) {
            return ipv6(b, NULL_HEADER, len);
        }
        return CaptureCounter.NOT_IP;
    }

    private CaptureCounter byVersion(byte[] b, int off, int len) {
        int version = u8(b, off) >>> 4;
        if (version == 4) {
            return ipv4(b, off, len);
        } else if (version == 6) {
            return ipv6(b, off, len);
        }
        return CaptureCounter.NOT_IP;
    }

    private CaptureCounter ipv4(byte[] b, int off, int len) {
        if (off + IPV4_MIN_HEADER > len) {
            return CaptureCounter.TRUNCATED;
        }
        int first = u8(b, off);
        int headerLength = (first & 0x0F) * 4;
        int total = u16be(b, off + IPV4_TOTAL_LENGTH_OFFSET);
        if (first >>> 4 != 4 || headerLength < IPV4_MIN_HEADER || total < headerLength) {
            return CaptureCounter.MALFORMED;
        }
        int fragment = u16be(b, off + IPV4_FRAGMENT_OFFSET);
        if ((fragment & IPV4_OFFSET_MASK) != 0) {
            return CaptureCounter.FRAGMENT;
        }
        if ((fragment & IPV4_MORE_FRAGMENTS) != 0) {
            return CaptureCounter.FRAGMENTED;
        }
        if (u8(b, off + IPV4_PROTOCOL_OFFSET) != PROTO_UDP) {
            return CaptureCounter.NOT_UDP;
        }
        addressOffset = off + IPV4_SOURCE_OFFSET;
        addressLength = 4;
        return udp(b, off + headerLength, off + total, len);
    }

    private CaptureCounter ipv6(byte[] b, int off, int len) {
        if (off + IPV6_HEADER > len) {
            return CaptureCounter.TRUNCATED;
        }
        if (u8(b, off) >>> 4 != 6) {
            return CaptureCounter.MALFORMED;
        }
        int payloadLength = u16be(b, off + IPV6_PAYLOAD_LENGTH_OFFSET);
        if (payloadLength == 0) {
            return CaptureCounter.MALFORMED; // a jumbogram: no UDP payload in a capture to speak of
        }
        int end = off + IPV6_HEADER + payloadLength;
        int next = u8(b, off + IPV6_NEXT_HEADER_OFFSET);
        int at = off + IPV6_HEADER;
        for (int headers = 0; next != PROTO_UDP; headers++) {
            if (headers == MAX_EXTENSION_HEADERS) {
                return CaptureCounter.MALFORMED;
            }
            if (next != PROTO_HOP_BY_HOP && next != PROTO_ROUTING && next != PROTO_DEST_OPTIONS
                    && next != PROTO_FRAGMENT && next != PROTO_AH) {
                return CaptureCounter.NOT_UDP;
            }
            if (at + 8 > Math.min(len, end)) {
                return at + 8 > end ? CaptureCounter.MALFORMED : CaptureCounter.TRUNCATED;
            }
            if (next == PROTO_FRAGMENT) {
                int fragment = u16be(b, at + 2);
                return (fragment & 0xFFF8) != 0 ? CaptureCounter.FRAGMENT : CaptureCounter.FRAGMENTED;
            }
            int length = next == PROTO_AH ? (u8(b, at + 1) + 2) * 4 : (u8(b, at + 1) + 1) * 8;
            next = u8(b, at);
            at += length;
        }
        addressOffset = off + IPV6_SOURCE_OFFSET;
        addressLength = 16;
        return udp(b, at, end, len);
    }

    /**
     * @param at start of the UDP header
     * @param ipEnd end of the IP packet by its own length field
     * @param len captured length of the frame
     */
    private CaptureCounter udp(byte[] b, int at, int ipEnd, int len) {
        if (at + UDP_HEADER > ipEnd) {
            return CaptureCounter.MALFORMED;
        }
        if (at + UDP_HEADER > len) {
            return CaptureCounter.TRUNCATED;
        }
        int udpLength = u16be(b, at + 4);
        if (udpLength < UDP_HEADER || at + udpLength > ipEnd) {
            return CaptureCounter.MALFORMED;
        }
        if (at + udpLength > len) {
            return CaptureCounter.TRUNCATED;
        }
        sourcePort = u16be(b, at);
        destinationPort = u16be(b, at + 2);
        payloadOffset = at + UDP_HEADER;
        payloadLength = udpLength - UDP_HEADER;
        return CaptureCounter.UDP_PAYLOADS;
    }
}
