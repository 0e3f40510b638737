package io.stream4flow.collector.encode;

import io.stream4flow.collector.decode.DomainState;
import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.collector.decode.Sampling;
import io.stream4flow.collector.decode.Template;
import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;
import io.stream4flow.schema.JsonBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link FlowRecord} as one JSON object in the flow format of the architecture (modelled
 * on IPFIXcol2's JSON output): {@code "@type":"ipfix.entry"}, the {@code ipfix:*} metadata, each
 * field as {@code "<scope>:<name>"}, then the times the decoder derived and the sampling the
 * exporter announced.
 *
 * <p>A template naming the same element several times gives one member whose value is an array of
 * all the values in template order. RFC 6313 lists become JSON arrays (of values for basicList, of
 * objects for subTemplateList / subTemplateMultiList); list content that does not parse is written
 * as hex and counted in {@link #badLists()}.
 *
 * <p>One instance per thread. Encoding allocates nothing per record, except for non-integral float
 * values and basicList element lookups.
 */
public final class FlowJsonEncoder implements RecordEncoder {
    private static final byte[] TYPE = bytes("\"@type\":\"ipfix.entry\"");
    private static final byte[] K_VERSION = key("ipfix:version");
    private static final byte[] K_EXPORTER = key("ipfix:exporterAddress");
    private static final byte[] K_EXPORTER_PORT = key("ipfix:exporterPort");
    private static final byte[] K_ODID = key("ipfix:odid");
    private static final byte[] K_TEMPLATE = key("ipfix:templateId");
    private static final byte[] K_EXPORT_TIME = key("ipfix:exportTime");
    private static final byte[] K_SEQ = key("ipfix:seqNumber");
    private static final byte[] K_UPTIME = key("ipfix:sysUpTime");
    private static final byte[] K_OPTIONS = key("ipfix:options");
    private static final byte[] K_START = key("iana:flowStartMilliseconds");
    private static final byte[] K_END = key("iana:flowEndMilliseconds");

    private final ElementRegistry registry;
    private final int maxDepth;
    private final int[][] offsets;
    private final int[][] lengths;
    private long badLists;

    public FlowJsonEncoder(ElementRegistry registry, int maxFields, int maxListDepth) {
        this.registry = registry;
        this.maxDepth = maxListDepth;
        this.offsets = new int[maxListDepth + 1][maxFields];
        this.lengths = new int[maxListDepth + 1][maxFields];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(String k) {
        return bytes("\"" + k + "\":");
    }

    /** Lists whose content did not parse (written as hex). */
    public long badLists() {
        return badLists;
    }

    private io.stream4flow.collector.decode.ExporterState current;

    /**
     * The metadata members are the same for every record of a set; they are encoded once per set
     * and copied for the following records.
     */
    private byte[] header = new byte[512];
    private int headerLength = -1;
    private Object hExporter;
    private Object hTemplate;
    private long hExportTime;
    private long hSequence;
    private long hUptime;
    private long hDomain;
    private int hPort;
    private final JsonBuffer headerBuf = new JsonBuffer(512);

    @Override
    public void encode(FlowRecord r, JsonBuffer out) {
        current = r.exporter();
        out.beginObject();
        if (headerLength < 0 || hExporter != r.exporter() || hTemplate != r.template()
                || hExportTime != r.exportTimeMillis() || hSequence != r.sequence()
                || hUptime != r.sysUptimeMillis() || hDomain != r.domain() || hPort != r.exporter().port()) {
            encodeHeader(r);
        }
        out.element();
        out.raw(header, headerLength);
        Template t = r.template();
        // the header is the first member: every field key takes its comma, pre-encoded
        fields(out, r.domainState(), t, r.buffer(), r.fieldOffsets(), r.fieldLengths(), 0, true);
        if (r.startComputed()) {
            out.key(K_START).number(r.flowStartMillis());
        }
        if (r.endComputed()) {
            out.key(K_END).number(r.flowEndMillis());
        }
        Sampling s = r.sampling();
        if (s != null) {
            for (int i = 0; i < s.size(); i++) {
                out.key(s.element(i).jsonKey()).unsignedNumber(s.value(i));
            }
        }
        out.endObject();
    }

    private void encodeHeader(FlowRecord r) {
        JsonBuffer h = headerBuf;
        h.reset();
        h.beginObject();
        h.element();
        h.raw(TYPE);
        h.key(K_VERSION).number(r.version());
        h.key(K_EXPORTER);
        byte[] addr = r.exporter().address();
        if (addr.length == 4) {
            h.ipv4(addr, 0);
        } else {
            h.ipv6(addr, 0);
        }
        h.key(K_EXPORTER_PORT).number(r.exporter().port());
        h.key(K_ODID).number(r.domain());
        h.key(K_TEMPLATE).number(r.templateId());
        h.key(K_EXPORT_TIME).number(r.exportTimeMillis());
        h.key(K_SEQ).number(r.sequence());
        if (r.sysUptimeMillis() >= 0) {
            h.key(K_UPTIME).number(r.sysUptimeMillis());
        }
        if (r.isOptions()) {
            h.key(K_OPTIONS).bool(true);
        }
        // without the opening brace: the caller's object is open already
        headerLength = h.length() - 1;
        if (header.length < headerLength) {
            header = new byte[headerLength * 2];
        }
        System.arraycopy(h.array(), 1, header, 0, headerLength);
        hExporter = r.exporter();
        hTemplate = r.template();
        hExportTime = r.exportTimeMillis();
        hSequence = r.sequence();
        hUptime = r.sysUptimeMillis();
        hDomain = r.domain();
        hPort = r.exporter().port();
    }

    /**
     * Writes the fields of one record as members of the open object: each field once, the fields
     * of a repeated element as one array. {@code afterMember}: the object has a member already, so
     * every key takes its pre-encoded comma.
     */
    private void fields(JsonBuffer out, DomainState d, Template t, byte[] b, int[] o, int[] l, int depth,
                        boolean afterMember) {
        int n = t.fieldCount();
        for (int i = 0; i < n; i++) {
            int kind = emitKind(t, i);
            if (kind > 1) {
                continue;
            }
            InformationElement e = t.element(i);
            if (afterMember) {
                out.raw(e.memberKey());
            } else {
                out.key(e.jsonKey());
            }
            if (kind == 0) {
                value(out, d, e, b, o[i], l[i], depth);
            } else {
                out.beginArray();
                for (int j = i; j >= 0; j = nextSame(t, j)) {
                    out.element();
                    value(out, d, t.element(j), b, o[j], l[j], depth);
                }
                out.endArray();
            }
        }
    }

    private static int emitKind(Template t, int i) {
        return t.emitKind(i);
    }

    private static int nextSame(Template t, int i) {
        return t.nextSame(i);
    }

    private void value(JsonBuffer out, DomainState d, InformationElement e, byte[] b, int off, int len,
                       int depth) {
        DataType type = e.dataType();
        if (type.isList()) {
            long mark = out.mark();
            boolean ok = depth < maxDepth && list(out, d, type, b, off, len, depth + 1);
            if (!ok) {
                badLists++;
                if (current != null) {
                    current.countBadList();
                }
                out.rewind(mark);
                out.hex(b, off, len);
            }
            return;
        }
        FieldValues.write(out, type, b, off, len);
    }

    /** Writes a list; false (with partial output to be discarded) when its content does not parse. */
    private boolean list(JsonBuffer out, DomainState d, DataType type, byte[] b, int off, int len,
                         int depth) {
        int end = off + len;
        if (len < 1) {
            return false;
        }
        int p = off + 1; // semantic
        switch (type) {
            case BASIC_LIST -> {
                if (end - p < 4) {
                    return false;
                }
                int ie = u16(b, p);
                int elemLen = u16(b, p + 2);
                p += 4;
                long pen = 0;
                if ((ie & 0x8000) != 0) {
                    if (end - p < 4) {
                        return false;
                    }
                    pen = u32(b, p);
                    p += 4;
                    ie &= 0x7FFF;
                }
                InformationElement e = registry.ipfix(pen, ie);
                out.beginArray();
                while (p < end) {
                    int l = elemLen;
                    if (l == Template.VARIABLE) {
                        l = b[p++] & 0xFF;
                        if (l == 255) {
                            if (end - p < 2) {
                                return false;
                            }
                            l = u16(b, p);
                            p += 2;
                        }
                    }
                    if (l == 0 && elemLen != Template.VARIABLE) {
                        return false;
                    }
                    if (end - p < l) {
                        return false;
                    }
                    out.element();
                    value(out, d, e, b, p, l, depth);
                    p += l;
                }
                out.endArray();
                return true;
            }
            case SUB_TEMPLATE_LIST -> {
                if (end - p < 2) {
                    return false;
                }
                int tid = u16(b, p);
                p += 2;
                Template t = d == null ? null : d.template(tid);
                if (t == null) {
                    return false;
                }
                out.beginArray();
                if (!records(out, d, t, b, p, end, depth)) {
                    return false;
                }
                out.endArray();
                return true;
            }
            case SUB_TEMPLATE_MULTI_LIST -> {
                out.beginArray();
                while (p < end) {
                    if (end - p < 4) {
                        return false;
                    }
                    int tid = u16(b, p);
                    int l = u16(b, p + 2);
                    if (l < 4 || p + l > end) {
                        return false;
                    }
                    Template t = d == null ? null : d.template(tid);
                    if (t == null) {
                        return false;
                    }
                    if (!records(out, d, t, b, p + 4, p + l, depth)) {
                        return false;
                    }
                    p += l;
                }
                out.endArray();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Writes each record of {@code t} in {@code b[p, end)} as an object element of the open array. */
    private boolean records(JsonBuffer out, DomainState d, Template t, byte[] b, int p, int end, int depth) {
        int n = t.fieldCount();
        if (n > offsets[depth].length) {
            return false;
        }
        int[] o = offsets[depth];
        int[] l = lengths[depth];
        while (p < end) {
            for (int i = 0; i < n; i++) {
                int fl = t.length(i);
                if (fl == Template.VARIABLE) {
                    if (p >= end) {
                        return false;
                    }
                    fl = b[p++] & 0xFF;
                    if (fl == 255) {
                        if (end - p < 2) {
                            return false;
                        }
                        fl = u16(b, p);
                        p += 2;
                    }
                }
                if (end - p < fl) {
                    return false;
                }
                o[i] = p;
                l[i] = fl;
                p += fl;
            }
            out.element();
            out.beginObject();
            fields(out, d, t, b, o, l, depth, false);
            out.endObject();
        }
        return true;
    }

    private static int u16(byte[] b, int off) {
        return (int) FieldValues.readUnsigned(b, off, 2);
    }

    private static long u32(byte[] b, int off) {
        return FieldValues.readUnsigned(b, off, 4);
    }
}
