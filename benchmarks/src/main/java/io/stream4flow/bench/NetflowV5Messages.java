package io.stream4flow.bench;

import io.stream4flow.traffic.packet.PacketWriter;

/**
 * NetFlow v5 datagrams for benchmarks.
 *
 * <pre>
 * Header (24 bytes)                          Record (48 bytes)
 *  0: version = 5      2: count (1..30)       0: srcaddr   4: dstaddr   8: nexthop
 *  4: sysUptime (ms)                         12: input (2) 14: output (2)
 *  8: unix_secs       12: unix_nsecs         16: dPkts     20: dOctets
 * 16: flow_sequence (records)                24: first (uptime ms)  28: last (uptime ms)
 * 20: engine_type (1) 21: engine_id (1)      32: srcport (2) 34: dstport (2) 36: pad (1)
 * 22: sampling: mode (2 bits) | interval (14) 37: tcp_flags 38: prot 39: tos
 *                                            40: src_as (2) 42: dst_as (2)
 *                                            44: src_mask 45: dst_mask 46: pad (2)
 * </pre>
 */
final class NetflowV5Messages {
    static final int MAX_RECORDS = 30;
    /** Offset of flow_sequence in the header. */
    static final int OFF_SEQUENCE = 16;

    private NetflowV5Messages() { }

    /**
     * A datagram of {@code records} (1..30) flows, unsampled.
     *
     * @param uptimeMillis exporter uptime at export
     * @param exportSeconds UNIX seconds of the export
     */
    static byte[] datagram(long sequence, int records, long uptimeMillis, long exportSeconds) {
        if (records < 1 || records > MAX_RECORDS) {
            throw new IllegalArgumentException("a v5 datagram holds 1..30 records");
        }
        PacketWriter w = PacketWriter.v5(records, uptimeMillis, exportSeconds, 123_000_000L, sequence, 0, 1, 0);
        for (int i = 0; i < records; i++) {
            boolean tcp = i % 4 != 3;
            w.ip(10, 1, i / 250, 1 + i % 250);
            w.ip(198, 51, 100, 1 + i % 100);
            w.ip(10, 1, 0, 254);
            w.u16(1).u16(2);
            w.u32(5 + i).u32(700L * (i + 1));
            w.u32(uptimeMillis - 20_000 - i * 31L).u32(uptimeMillis - 500 - i * 7L);
            w.u16(50_000 + i).u16(tcp ? 80 : 123);
            w.u8(0).u8(tcp ? 0x1A : 0).u8(tcp ? 6 : 17).u8(0);
            w.u16(64_500).u16(64_501 + i % 3);
            w.u8(24).u8(24).u16(0);
        }
        return w.build();
    }
}
