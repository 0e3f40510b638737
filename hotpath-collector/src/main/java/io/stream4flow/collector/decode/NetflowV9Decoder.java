package io.stream4flow.collector.decode;

import static io.stream4flow.collector.decode.FlowDecoder.u16;
import static io.stream4flow.collector.decode.FlowDecoder.u32;

import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.InformationElement;

/**
 * NetFlow v9 (RFC 3954) packet decoding.
 *
 * <pre>
 * Packet header (20 bytes)                 FlowSet header (4 bytes)
 * +-------------------------------+        +-------------------------------+
 * | version = 9   |     count     |        | flowset id (0: template,      |
 * +-------------------------------+        |  1: options template, 256+)   |
 * |        sysUpTime (ms)         |        +-------------------------------+
 * +-------------------------------+        | length (header included)      |
 * |        UNIX seconds           |        +-------------------------------+
 * +-------------------------------+
 * |    sequence number (packets)  |   Template: template id (2), field count (2), (type, length)*
 * +-------------------------------+   Options template: template id (2), scope length (2, bytes),
 * |          source id            |     option length (2, bytes), scope (type, length)*,
 * +-------------------------------+     option (type, length)*, padding
 * </pre>
 *
 * The header count is the number of records (template and data) in the packet. Exporters often get
 * it wrong, so a count that differs from what was found is only counted ({@code v9_count_differs});
 * a packet whose count is smaller than its number of flowsets (each holds at least one record) is
 * rejected as malformed ({@code v9_count_mismatch}). A field length of 65535 is read as a
 * variable-length field, as in IPFIX (some exporters send strings so).
 */
final class NetflowV9Decoder {
    static final int HEADER = 20;
    static final int OFF_COUNT = 2;
    static final int OFF_UPTIME = 4;
    static final int OFF_UNIX_SECS = 8;
    static final int OFF_SEQUENCE = 12;
    static final int OFF_SOURCE_ID = 16;

    private final FlowDecoder core;
    private final ElementRegistry registry;

    NetflowV9Decoder(FlowDecoder core, ElementRegistry registry) {
        this.core = core;
        this.registry = registry;
    }

    int decode(ExporterState ex, byte[] b, int off, int avail, long now, RecordHandler h,
               MessageContext ctx) {
        if (avail < HEADER) {
            ex.count(DecodeCounter.TRUNCATED_HEADER);
            return -1;
        }
        int count = u16(b, off + OFF_COUNT);
        int end = off + avail;
        // structural pass: flowset headers must chain to the end of the packet (or to zero padding)
        int flowsets = 0;
        int pos = off + HEADER;
        int structuralEnd = end;
        while (pos < end) {
            if (end - pos < 4) {
                if (FlowDecoder.allZero(b, pos, end)) {
                    structuralEnd = pos;
                    break;
                }
                ex.count(DecodeCounter.SET_TOO_SHORT);
                return -1;
            }
            int len = u16(b, pos + 2);
            if (len < 4) {
                if (FlowDecoder.allZero(b, pos, end)) {
                    structuralEnd = pos;
                    break;
                }
                ex.count(DecodeCounter.SET_TOO_SHORT);
                return -1;
            }
            if (pos + len > end) {
                ex.count(DecodeCounter.SET_PAST_END);
                return -1;
            }
            flowsets++;
            pos += len;
        }
        if (count < flowsets) {
            ex.count(DecodeCounter.V9_COUNT_MISMATCH);
            return -1;
        }
        ex.count(DecodeCounter.MESSAGES);
        long uptime = u32(b, off + OFF_UPTIME);
        long unixSecs = u32(b, off + OFF_UNIX_SECS);
        long seq = u32(b, off + OFF_SEQUENCE);
        long sourceId = u32(b, off + OFF_SOURCE_ID);
        DomainState d = ex.domain(9, sourceId);
        if (d == null) {
            ex.count(DecodeCounter.TEMPLATE_LIMIT);
            return avail;
        }
        ctx.version = 9;
        ctx.domain = sourceId;
        ctx.exportTimeMillis = unixSecs * 1000L;
        ctx.sequence = seq;
        ctx.sysUptimeMillis = uptime;

        int found = 0;
        long records = 0;
        long dataRecords = 0;
        boolean complete = true;
        pos = off + HEADER;
        while (pos < structuralEnd) {
            int setId = u16(b, pos);
            int setLen = u16(b, pos + 2);
            int body = pos + 4;
            int setEnd = pos + setLen;
            if (setId == 0) {
                found += parseTemplates(ex, d, b, body, setEnd, now, h);
            } else if (setId == 1) {
                found += parseOptionsTemplates(ex, d, b, body, setEnd, now, h);
            } else if (setId >= 256) {
                Template t = core.template(ex, d, setId, now);
                if (t == null) {
                    core.hold(ex, d, setId, b, body, setLen - 4, ctx, now);
                    found++;
                    complete = false;
                } else {
                    int n = core.walkRecords(ex, d, t, b, body, setEnd, ctx, h, false);
                    found += n;
                    records += n;
                    if (!t.options) {
                        dataRecords += n;
                    }
                }
            } else {
                ex.count(DecodeCounter.RESERVED_SETS);
            }
            pos = setEnd;
        }
        if (found != count) {
            ex.count(DecodeCounter.V9_COUNT_DIFFERS);
        }
        d.sequence.track(ex, seq, records, dataRecords, complete);
        return avail;
    }

    private int parseTemplates(ExporterState ex, DomainState d, byte[] b, int pos, int end, long now,
                               RecordHandler h) {
        int n = 0;
        int maxFields = core.limits().maxFieldsPerTemplate();
        while (end - pos >= 4) {
            int id = u16(b, pos);
            int fieldCount = u16(b, pos + 2);
            if (id == 0 && fieldCount == 0) {
                break; // padding
            }
            if (id < 256) {
                ex.count(DecodeCounter.TEMPLATE_INVALID);
                return n;
            }
            if (fieldCount == 0) {
                ex.count(DecodeCounter.TEMPLATE_ZERO_FIELDS);
                return n;
            }
            if (fieldCount > maxFields) {
                ex.count(DecodeCounter.TEMPLATE_TOO_MANY_FIELDS);
                return n;
            }
            int p = pos + 4;
            if (p + 4L * fieldCount > end) {
                ex.count(DecodeCounter.TEMPLATE_PAST_SET_END);
                return n;
            }
            InformationElement[] els = new InformationElement[fieldCount];
            int[] lens = new int[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                els[i] = registry.netflowV9(u16(b, p));
                lens[i] = u16(b, p + 2);
                p += 4;
            }
            define(ex, d, new Template(id, false, 0, els, lens), now, h);
            n++;
            pos = p;
        }
        return n;
    }

    private int parseOptionsTemplates(ExporterState ex, DomainState d, byte[] b, int pos, int end,
                                      long now, RecordHandler h) {
        int n = 0;
        int maxFields = core.limits().maxFieldsPerTemplate();
        while (end - pos >= 6) {
            int id = u16(b, pos);
            int scopeLen = u16(b, pos + 2);
            int optionLen = u16(b, pos + 4);
            if (id == 0 && scopeLen == 0 && optionLen == 0) {
                break; // padding
            }
            if (id < 256 || scopeLen % 4 != 0 || optionLen % 4 != 0) {
                ex.count(DecodeCounter.TEMPLATE_INVALID);
                return n;
            }
            int scopeCount = scopeLen / 4;
            int fieldCount = scopeCount + optionLen / 4;
            if (fieldCount == 0) {
                ex.count(DecodeCounter.TEMPLATE_ZERO_FIELDS);
                return n;
            }
            if (fieldCount > maxFields) {
                ex.count(DecodeCounter.TEMPLATE_TOO_MANY_FIELDS);
                return n;
            }
            int p = pos + 6;
            if (p + 4L * fieldCount > end) {
                ex.count(DecodeCounter.TEMPLATE_PAST_SET_END);
                return n;
            }
            InformationElement[] els = new InformationElement[fieldCount];
            int[] lens = new int[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                int type = u16(b, p);
                els[i] = i < scopeCount ? registry.netflowV9Scope(type) : registry.netflowV9(type);
                lens[i] = u16(b, p + 2);
                p += 4;
            }
            define(ex, d, new Template(id, true, scopeCount, els, lens), now, h);
            n++;
            // options templates are padded to a 4-byte boundary; the padding may end the flowset
            pos = p;
            if (end - pos < 6 || FlowDecoder.allZero(b, pos, Math.min(end, pos + 6))) {
                break;
            }
        }
        return n;
    }

    private void define(ExporterState ex, DomainState d, Template t, long now, RecordHandler h) {
        if (t.minLength == 0) {
            ex.count(DecodeCounter.TEMPLATE_INVALID);
        } else {
            core.defineTemplate(ex, d, t, now, h);
        }
    }
}
