package io.stream4flow.collector.decode;

import static io.stream4flow.collector.decode.FlowDecoder.u16;
import static io.stream4flow.collector.decode.FlowDecoder.u32;

import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.InformationElement;

/**
 * IPFIX (RFC 7011) message decoding.
 *
 * <pre>
 * Message header (16 bytes)                Set header (4 bytes)
 *  0                   1                    0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5          +-------------------------------+
 * +-------------------------------+         | set id (2: template, 3: opts  |
 * | version = 10  |    length     |         |  template, 256+: data)        |
 * +-------------------------------+         +-------------------------------+
 * |         export time (s)       |         | set length (header included)  |
 * +-------------------------------+         +-------------------------------+
 * |        sequence number        |
 * +-------------------------------+    Template record: template id (2), field count (2),
 * |    observation domain id      |    [options: scope field count (2)], then per field:
 * +-------------------------------+    element id (2, bit 15 = enterprise), length (2),
 *                                      [enterprise number (4)]
 * </pre>
 */
final class IpfixDecoder {
    static final int HEADER = 16;
    static final int OFF_LENGTH = 2;
    static final int OFF_EXPORT_TIME = 4;
    static final int OFF_SEQUENCE = 8;
    static final int OFF_DOMAIN = 12;

    private final FlowDecoder core;
    private final ElementRegistry registry;

    IpfixDecoder(FlowDecoder core, ElementRegistry registry) {
        this.core = core;
        this.registry = registry;
    }

    int decode(ExporterState ex, byte[] b, int off, int avail, long now, RecordHandler h,
               MessageContext ctx) {
        if (avail < HEADER) {
            ex.count(DecodeCounter.TRUNCATED_HEADER);
            return -1;
        }
        int length = u16(b, off + OFF_LENGTH);
        if (length < HEADER || length > avail) {
            ex.count(DecodeCounter.BAD_MESSAGE_LENGTH);
            return -1;
        }
        ex.count(DecodeCounter.MESSAGES);
        long exportTime = u32(b, off + OFF_EXPORT_TIME);
        long seq = u32(b, off + OFF_SEQUENCE);
        long domainId = u32(b, off + OFF_DOMAIN);
        DomainState d = ex.domain(10, domainId);
        if (d == null) {
            ex.count(DecodeCounter.TEMPLATE_LIMIT);
            return length;
        }
        ctx.version = 10;
        ctx.domain = domainId;
        ctx.exportTimeMillis = exportTime * 1000L;
        ctx.sequence = seq;
        ctx.sysUptimeMillis = -1;

        long records = 0;
        long dataRecords = 0;
        boolean complete = true;
        int pos = off + HEADER;
        int end = off + length;
        while (pos < end) {
            if (end - pos < 4) {
                ex.count(DecodeCounter.SET_TOO_SHORT);
                break;
            }
            int setId = u16(b, pos);
            int setLen = u16(b, pos + 2);
            if (setLen < 4) {
                ex.count(DecodeCounter.SET_TOO_SHORT);
                break;
            }
            if (pos + setLen > end) {
                ex.count(DecodeCounter.SET_PAST_END);
                break;
            }
            int body = pos + 4;
            int setEnd = pos + setLen;
            if (setId == 2 || setId == 3) {
                parseTemplates(ex, d, b, body, setEnd, setId == 3, now, h);
            } else if (setId >= 256) {
                Template t = core.template(ex, d, setId, now);
                if (t == null) {
                    core.hold(ex, d, setId, b, body, setLen - 4, ctx, now);
                    complete = false;
                } else {
                    int n = core.walkRecords(ex, d, t, b, body, setEnd, ctx, h, false);
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
        d.sequence.track(ex, seq, records, dataRecords, complete);
        return length;
    }

    private void parseTemplates(ExporterState ex, DomainState d, byte[] b, int pos, int end,
                                boolean options, long now, RecordHandler h) {
        int minHeader = options ? 6 : 4;
        int maxFields = core.limits().maxFieldsPerTemplate();
        while (end - pos >= 4) {
            int id = u16(b, pos);
            int fieldCount = u16(b, pos + 2);
            if (fieldCount == 0) {
                // withdrawal (RFC 7011 section 8.1): the set id as template id withdraws all
                if (id == (options ? 3 : 2)) {
                    core.withdrawAll(ex, d, options);
                } else if (id >= 256) {
                    core.withdrawTemplate(ex, d, id);
                } else {
                    ex.count(DecodeCounter.TEMPLATE_INVALID);
                    return;
                }
                pos += 4;
                continue;
            }
            if (end - pos < minHeader) {
                ex.count(DecodeCounter.TEMPLATE_PAST_SET_END);
                return;
            }
            if (id < 256) {
                ex.count(DecodeCounter.TEMPLATE_INVALID);
                return;
            }
            int scopeCount = options ? u16(b, pos + 4) : 0;
            if (fieldCount > maxFields) {
                ex.count(DecodeCounter.TEMPLATE_TOO_MANY_FIELDS);
                return;
            }
            if (options && (scopeCount == 0 || scopeCount > fieldCount)) {
                ex.count(DecodeCounter.TEMPLATE_INVALID);
                return;
            }
            int p = pos + minHeader;
            if (p + 4L * fieldCount > end) {
                ex.count(DecodeCounter.TEMPLATE_PAST_SET_END);
                return;
            }
            InformationElement[] els = new InformationElement[fieldCount];
            int[] lens = new int[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                if (end - p < 4) {
                    ex.count(DecodeCounter.TEMPLATE_PAST_SET_END);
                    return;
                }
                int ie = u16(b, p);
                int len = u16(b, p + 2);
                p += 4;
                long pen = 0;
                if ((ie & 0x8000) != 0) {
                    if (end - p < 4) {
                        ex.count(DecodeCounter.TEMPLATE_PAST_SET_END);
                        return;
                    }
                    pen = u32(b, p);
                    p += 4;
                    ie &= 0x7FFF;
                }
                els[i] = registry.ipfix(pen, ie);
                lens[i] = len;
            }
            Template t = new Template(id, options, scopeCount, els, lens);
            if (t.minLength == 0) {
                ex.count(DecodeCounter.TEMPLATE_INVALID);
            } else {
                core.defineTemplate(ex, d, t, now, h);
            }
            pos = p;
        }
    }
}
