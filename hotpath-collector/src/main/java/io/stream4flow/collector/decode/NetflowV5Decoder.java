package io.stream4flow.collector.decode;

import static io.stream4flow.collector.decode.FlowDecoder.u16;
import static io.stream4flow.collector.decode.FlowDecoder.u32;

import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.InformationElement;

/**
 * NetFlow v5 datagram decoding. The fixed record layout is expressed as a template of IANA
 * elements so that v5 records travel the same path as v9 and IPFIX ones.
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
final class NetflowV5Decoder {
    static final int HEADER = 24;
    static final int RECORD = 48;
    static final int MAX_COUNT = 30;

    private final FlowDecoder core;
    private final Template template;

    NetflowV5Decoder(FlowDecoder core, ElementRegistry registry) {
        this.core = core;
        int[][] layout = {
            {8, 4}, {12, 4}, {15, 4}, {10, 2}, {14, 2}, {2, 4}, {1, 4}, {22, 4}, {21, 4}, {7, 2},
            {11, 2}, {210, 1}, {6, 1}, {4, 1}, {5, 1}, {16, 2}, {17, 2}, {9, 1}, {13, 1}, {210, 2},
        };
        InformationElement[] els = new InformationElement[layout.length];
        int[] lens = new int[layout.length];
        for (int i = 0; i < layout.length; i++) {
            els[i] = registry.ipfix(0, layout[i][0]);
            lens[i] = layout[i][1];
        }
        template = new Template(0, false, 0, els, lens);
    }

    int decode(ExporterState ex, byte[] b, int off, int avail, long now, RecordHandler h,
               MessageContext ctx) {
        if (avail < HEADER) {
            ex.count(DecodeCounter.TRUNCATED_HEADER);
            return -1;
        }
        int count = u16(b, off + 2);
        if (count == 0 || count > MAX_COUNT || HEADER + count * RECORD > avail) {
            ex.count(DecodeCounter.V5_BAD_COUNT);
            return -1;
        }
        ex.count(DecodeCounter.MESSAGES);
        long uptime = u32(b, off + 4);
        long secs = u32(b, off + 8);
        long nsecs = u32(b, off + 12);
        long seq = u32(b, off + 16);
        int engine = u16(b, off + 20);
        int sampling = u16(b, off + 22);
        DomainState d = ex.domain(5, engine);
        if (d == null) {
            ex.count(DecodeCounter.TEMPLATE_LIMIT);
            return HEADER + count * RECORD;
        }
        core.setHeaderSampling(ex, d, sampling >>> 14, sampling & 0x3FFF);
        ctx.version = 5;
        ctx.domain = engine;
        ctx.exportTimeMillis = secs * 1000L + nsecs / 1_000_000L;
        ctx.sequence = seq;
        ctx.sysUptimeMillis = uptime;
        int body = off + HEADER;
        core.walkRecords(ex, d, template, b, body, body + count * RECORD, ctx, h, false);
        d.sequence.track(ex, seq, count, count, true);
        return HEADER + count * RECORD;
    }
}
