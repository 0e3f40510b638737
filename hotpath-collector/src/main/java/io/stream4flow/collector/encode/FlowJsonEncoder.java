package io.stream4flow.collector.encode;

import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.collector.decode.Sampling;
import io.stream4flow.collector.decode.Template;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FlowKeys;
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
 * as hex and counted in {@link #badLists()} (values are written by {@link JsonFieldWriter}).
 *
 * <p>One instance per thread. Encoding allocates nothing per record, except for non-integral float
 * values and basicList element lookups.
 */
public final class FlowJsonEncoder implements RecordEncoder {
    private static final byte[] TYPE = bytes("\"" + FlowKeys.TYPE + "\":\"" + FlowKeys.TYPE_VALUE + "\"");
    private static final byte[] K_VERSION = key(FlowKeys.VERSION);
    private static final byte[] K_EXPORTER = key(FlowKeys.EXPORTER_ADDRESS);
    private static final byte[] K_EXPORTER_PORT = key(FlowKeys.EXPORTER_PORT);
    private static final byte[] K_ODID = key(FlowKeys.ODID);
    private static final byte[] K_TEMPLATE = key(FlowKeys.TEMPLATE_ID);
    private static final byte[] K_EXPORT_TIME = key(FlowKeys.EXPORT_TIME);
    private static final byte[] K_SEQ = key(FlowKeys.SEQ_NUMBER);
    private static final byte[] K_UPTIME = key(FlowKeys.SYS_UP_TIME);
    private static final byte[] K_OPTIONS = key(FlowKeys.OPTIONS);
    private static final byte[] K_START = key(FlowKeys.FLOW_START_MILLISECONDS);
    private static final byte[] K_END = key(FlowKeys.FLOW_END_MILLISECONDS);

    private final JsonFieldWriter values;
    private final JsonBuffer own = new JsonBuffer(4096);

    public FlowJsonEncoder(ElementRegistry registry, int maxFields, int maxListDepth) {
        this.values = new JsonFieldWriter(registry, maxFields, maxListDepth);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(String k) {
        return bytes("\"" + k + "\":");
    }

    /** Lists whose content did not parse (written as hex). */
    @Override
    public long badLists() {
        return values.badLists();
    }

    /** Encodes {@code r} into this encoder's own buffer ({@link #array()}, {@link #length()}). */
    @Override
    public void encode(FlowRecord r) {
        own.reset();
        encode(r, own);
    }

    @Override
    public byte[] array() {
        return own.array();
    }

    @Override
    public int length() {
        return own.length();
    }

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

    /** Appends the JSON object of {@code r} to {@code out}. Called on the decoding thread. */
    public void encode(FlowRecord r, JsonBuffer out) {
        values.exporter(r.exporter());
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
        values.fields(out, r.domainState(), t, r.buffer(), r.fieldOffsets(), r.fieldLengths(), true);
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
        h.address(addr, 0, addr.length);
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
}
