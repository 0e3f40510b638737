package io.stream4flow.bench;

import io.stream4flow.traffic.packet.PacketWriter;

/**
 * IPFIX messages laid out as softflowd 1.1.0 sends them ({@code ipfix.c}, default options: no
 * {@code -A}, so flow times are sysUpTime-relative and the boot time comes in options data).
 *
 * <pre>
 * template message: header | set 2: template 1024 (IPv4)     | set 2: template 1025 (ICMPv4)
 *                          | set 2: template 2048 (IPv6)     | set 2: template 2049 (ICMPv6)
 *                          | set 3: options template 256    | set 256: options data (26 bytes)
 * data message:     header | set 1024: N IPv4 records of 40 bytes
 *
 * template 1024 (record 40 bytes):
 *   sourceIPv4Address(8) 4, destinationIPv4Address(12) 4, flowStartSysUpTime(22) 4,
 *   flowEndSysUpTime(21) 4, octetDeltaCount(1) 4, packetDeltaCount(2) 4, ingressInterface(10) 4,
 *   egressInterface(14) 4, sourceTransportPort(7) 2, destinationTransportPort(11) 2,
 *   protocolIdentifier(4) 1, tcpControlBits(6) 1, ipVersion(60) 1, ipClassOfService(5) 1
 * options template 256: scope meteringProcessId(143) 4; systemInitTimeMilliseconds(160) 8,
 *   samplingPacketInterval(305) 4, samplingPacketSpace(306) 4, selectorAlgorithm(304) 2
 * </pre>
 */
final class SoftflowdIpfix {
    static final int V4_TEMPLATE = 1024;
    /** Offset of the sequence number in the IPFIX header. */
    static final int OFF_SEQUENCE = 8;

    /** (element id, length) pairs of each template. */
    private static final int[] V4 = {
        8, 4, 12, 4, 22, 4, 21, 4, 1, 4, 2, 4, 10, 4, 14, 4, 7, 2, 11, 2, 4, 1, 6, 1, 60, 1, 5, 1,
    };
    private static final int[] ICMP4 = {
        8, 4, 12, 4, 22, 4, 21, 4, 1, 4, 2, 4, 10, 4, 14, 4, 32, 2, 60, 1, 5, 1,
    };
    private static final int[] V6 = {
        27, 16, 28, 16, 22, 4, 21, 4, 1, 4, 2, 4, 10, 4, 14, 4, 7, 2, 11, 2, 4, 1, 6, 1, 60, 1, 5, 1,
    };
    private static final int[] ICMP6 = {
        27, 16, 28, 16, 22, 4, 21, 4, 1, 4, 2, 4, 10, 4, 14, 4, 139, 2, 60, 1, 5, 1,
    };

    private final long exportSeconds;
    private final long bootMillis;

    /**
     * @param exportSeconds export time written in the headers (UNIX seconds)
     * @param bootMillis the exporter's boot time (epoch ms) announced in the options data
     */
    SoftflowdIpfix(long exportSeconds, long bootMillis) {
        this.exportSeconds = exportSeconds;
        this.bootMillis = bootMillis;
    }

    /** The templates, the options template and the options data, as softflowd refreshes them. */
    byte[] templateMessage(long sequence) {
        PacketWriter w = PacketWriter.ipfix(0, exportSeconds, sequence);
        w.set(2).template(V4_TEMPLATE, V4).endSet();
        w.set(2).template(1025, ICMP4).endSet();
        w.set(2).template(2048, V6).endSet();
        w.set(2).template(2049, ICMP6).endSet();
        w.set(3).optionsTemplate(256, 1, 143, 4, 160, 8, 305, 4, 306, 4, 304, 2).endSet();
        // options data: meteringProcessId, boot time, interval 1, space 0, algorithm 1 (count)
        w.set(256).u32(4242).u64(bootMillis).u32(1).u32(0).u16(1).endSet();
        return w.ipfixMessage();
    }

    /**
     * A data message of {@code records} TCP/UDP IPv4 flows of template 1024 (the set needs no
     * padding: records are 40 bytes).
     */
    byte[] dataMessage(long sequence, int records) {
        PacketWriter w = PacketWriter.ipfix(0, exportSeconds, sequence).set(V4_TEMPLATE);
        long uptimeAtExport = exportSeconds * 1000L - bootMillis;
        for (int i = 0; i < records; i++) {
            boolean tcp = i % 3 != 2;
            w.ip(10, 0, i / 200, 1 + i % 200);
            w.ip(192, 0, 2, 10 + i % 50);
            w.u32(uptimeAtExport - 30_000 - i * 97L); // flowStartSysUpTime
            w.u32(uptimeAtExport - 1_000 - i * 13L); // flowEndSysUpTime
            w.u32(1_500L * (i + 1) + 40); // octets
            w.u32(3 + i); // packets
            w.u32(0).u32(0); // ingress, egress interface (softflowd: 0 when reading a capture)
            w.u16(40_000 + i).u16(tcp ? 443 : 53);
            w.u8(tcp ? 6 : 17).u8(tcp ? 0x1B : 0).u8(4).u8(0);
        }
        return w.endSet().ipfixMessage();
    }
}
