package io.stream4flow.collector.encode;

import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.collector.decode.Sampling;
import io.stream4flow.collector.decode.Template;
import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.FlowKeys;
import io.stream4flow.schema.InformationElement;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.schema.avro.FlowColumn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes a {@link FlowRecord} as one Avro record of schema {@code io.stream4flow.FlowRecord}
 * ({@link io.stream4flow.schema.avro.FlowAvroSchema}) in Avro binary encoding, without schema or
 * container: what a Kafka message carries and an object container file holds in its blocks.
 *
 * <pre>
 *   exporter (bytes) | exporter_port (int) | odid (long) | template_id (int) | export_time (long)
 *   | seq_number (long) | version (int)                       header columns, always present
 *   | for each nullable column: 0 (null) or 1 and the value    flow_start ... tls_cipher_suites
 *   | sources (long)                                           which source filled each column
 *   | fields: count (long), count x (key string, JSON text string), 0
 * </pre>
 *
 * <p>Each member the JSON encoder would write goes either into its column ({@link FlowColumn}: the
 * first source in the column's order whose value has the column's kind) or into {@code fields}, keyed
 * by its JSON key with its JSON text as value, so the record holds exactly what the flow JSON holds.
 * Values are written by the same {@link JsonFieldWriter} as the JSON; columns take integers through
 * {@link FieldValues#integer} and strings only when their JSON text needs no escapes, so that the
 * JSON rendered back from the record ({@link io.stream4flow.schema.avro.FlowAvroJson}) has the same
 * values byte for byte.
 *
 * <p>Why the Avro format is written by hand here and not with Avro's {@code GenericDatumWriter}: this
 * runs on the decode thread for every record, and the library's writer wants a record object with
 * boxed values, a map and a {@code ByteBuffer} per record; the part of the format a flow record needs
 * (varints, length-prefixed bytes, union index, one map) is small and specified ({@link AvroBuffer}),
 * and the tests check every corpus record against Avro's own reader.
 *
 * <p>One instance per thread. Allocates nothing per record (the JSON values' own exceptions aside:
 * non-integral floats, basicList element lookups); per template, one small array attached to it
 * when it is first encoded.
 */
public final class FlowAvroEncoder implements RecordEncoder {
    private static final int COLUMNS = FlowColumn.count();
    /** Per column: its kind, its place in {@code sources}; read per record, so arrays and not enum calls. */
    private static final FlowColumn.Kind[] KIND = new FlowColumn.Kind[COLUMNS];
    private static final int[] SHIFT = new int[COLUMNS];

    static {
        for (FlowColumn c : FlowColumn.values()) {
            KIND[c.ordinal()] = c.kind();
            SHIFT[c.ordinal()] = c.sourceShift();
        }
    }
    private static final int NONE = -1;
    /** Candidates that are not template fields: the derived times and the sampling elements. */
    private static final int START = -2;
    private static final int END = -3;
    private static final int SAMPLING_BASE = -4;
    private static final int START_SLOT = FlowColumn.slot(FlowKeys.FLOW_START_MILLISECONDS);
    private static final int END_SLOT = FlowColumn.slot(FlowKeys.FLOW_END_MILLISECONDS);
    private static final byte[] SYS_UP_TIME = FlowKeys.SYS_UP_TIME.getBytes(StandardCharsets.UTF_8);
    private static final byte[] OPTIONS = FlowKeys.OPTIONS.getBytes(StandardCharsets.UTF_8);
    private static final byte[] FLOW_START = FlowKeys.FLOW_START_MILLISECONDS.getBytes(StandardCharsets.UTF_8);
    private static final byte[] FLOW_END = FlowKeys.FLOW_END_MILLISECONDS.getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

    private final JsonFieldWriter values;
    private final AvroBuffer out = new AvroBuffer(1024);
    /** JSON text of one value. */
    private final JsonBuffer text = new JsonBuffer(1024);
    /** The chosen text of each string column (quotes included). */
    private final JsonBuffer[] strings = new JsonBuffer[COLUMNS];
    /** Per column, for the record being encoded: the source index chosen, or NONE. */
    private final int[] source = new int[COLUMNS];
    /** Per column: the field index chosen, or START, END, SAMPLING_BASE - i. */
    private final int[] candidate = new int[COLUMNS];
    /** Per column: the integer value, or the offset of the address in the record's buffer. */
    private final long[] value = new long[COLUMNS];
    /** The column slots of the sampling elements of the record being encoded. */
    private int[] samplingSlots = new int[8];

    public FlowAvroEncoder(ElementRegistry registry, int maxFields, int maxListDepth) {
        this.values = new JsonFieldWriter(registry, maxFields, maxListDepth);
        for (FlowColumn c : FlowColumn.values()) {
            if (c.kind() == FlowColumn.Kind.STRING) {
                strings[c.ordinal()] = new JsonBuffer(256);
            }
        }
    }

    @Override
    public long badLists() {
        return values.badLists();
    }

    @Override
    public byte[] array() {
        return out.array();
    }

    @Override
    public int length() {
        return out.length();
    }

    @Override
    public void encode(FlowRecord r) {
        values.exporter(r.exporter());
        int[] slots = slots(r.template());
        int[] samplingSlots = samplingSlots(r.sampling());
        int members = chooseColumns(r, slots, samplingSlots);
        out.reset();
        members -= writeColumns(r);
        writeFields(r, slots, samplingSlots, members);
    }

    /**
     * Picks for each column the best of the record's candidates (template fields, derived times,
     * sampling elements).
     *
     * @return the number of members the flow JSON of the record has, header members aside
     */
    private int chooseColumns(FlowRecord r, int[] slots, int[] samplingSlots) {
        Arrays.fill(source, NONE);
        Template t = r.template();
        byte[] b = r.buffer();
        int[] o = r.fieldOffsets();
        int[] l = r.fieldLengths();
        int members = (r.sysUptimeMillis() >= 0 ? 1 : 0) + (r.isOptions() ? 1 : 0);
        for (int i = 0; i < slots.length; i++) {
            int kind = t.emitKind(i);
            if (kind > 1) {
                continue;
            }
            members++;
            if (kind == 0 && slots[i] >= 0) {
                offer(slots[i], i, t.element(i).dataType(), b, o[i], l[i]);
            }
        }
        if (r.startComputed()) {
            members++;
            offerInteger(START_SLOT, START, r.flowStartMillis());
        }
        if (r.endComputed()) {
            members++;
            offerInteger(END_SLOT, END, r.flowEndMillis());
        }
        Sampling s = r.sampling();
        for (int i = 0; s != null && i < s.size(); i++) {
            members++;
            if (s.value(i) >= 0) {
                offerInteger(samplingSlots[i], SAMPLING_BASE - i, s.value(i));
            }
        }
        return members;
    }

    /**
     * Writes the header columns, the nullable columns and {@code sources}.
     *
     * @return the number of nullable columns set
     */
    private int writeColumns(FlowRecord r) {
        byte[] exporter = r.exporter().address();
        out.writeBytes(exporter, 0, exporter.length);
        out.writeLong(r.exporter().port());
        out.writeLong(r.domain());
        out.writeLong(r.templateId());
        out.writeLong(r.exportTimeMillis());
        out.writeLong(r.sequence());
        out.writeLong(r.version());
        int set = 0;
        long sources = 0;
        for (int c = FlowColumn.VERSION.ordinal() + 1; c < COLUMNS; c++) {
            int src = source[c];
            if (src == NONE) {
                out.writeSmall(0);                 // union branch 0: null
                continue;
            }
            set++;
            out.writeSmall(1);
            sources |= (long) src << SHIFT[c];
            FlowColumn.Kind kind = KIND[c];
            if (kind == FlowColumn.Kind.ADDRESS) {
                out.writeBytes(r.buffer(), (int) value[c], r.fieldLength(candidate[c]));
            } else if (kind == FlowColumn.Kind.STRING) {
                out.writeBytes(strings[c].array(), 1, strings[c].length() - 2);
            } else {
                out.writeLong(value[c]);
            }
        }
        out.writeLong(sources);
        return set;
    }

    /** Writes the {@code fields} map: every member of the flow JSON not in a column, in JSON order. */
    private void writeFields(FlowRecord r, int[] slots, int[] samplingSlots, int members) {
        if (members > 0) {
            out.writeLong(members);
            if (r.sysUptimeMillis() >= 0) {
                text.reset();
                member(SYS_UP_TIME, text.number(r.sysUptimeMillis()));
            }
            if (r.isOptions()) {
                out.writeBytes(OPTIONS, 0, OPTIONS.length);
                out.writeBytes(TRUE, 0, TRUE.length);
            }
            Template t = r.template();
            for (int i = 0; i < slots.length; i++) {
                if (t.emitKind(i) > 1 || chosen(slots[i], i)) {
                    continue;
                }
                text.reset();
                values.topLevel(text, r.domainState(), t, i, r.buffer(), r.fieldOffsets(), r.fieldLengths());
                member(t.element(i), text);
            }
            if (r.startComputed() && !chosen(START_SLOT, START)) {
                text.reset();
                member(FLOW_START, text.number(r.flowStartMillis()));
            }
            if (r.endComputed() && !chosen(END_SLOT, END)) {
                text.reset();
                member(FLOW_END, text.number(r.flowEndMillis()));
            }
            Sampling s = r.sampling();
            for (int i = 0; s != null && i < s.size(); i++) {
                if (!chosen(samplingSlots[i], SAMPLING_BASE - i)) {
                    text.reset();
                    member(s.element(i), text.unsignedNumber(s.value(i)));
                }
            }
        }
        out.writeSmall(0);
    }

    /** A map entry keyed by the element's JSON key (its pre-encoded key without quotes and colon). */
    private void member(InformationElement e, JsonBuffer jsonText) {
        byte[] k = e.jsonKey();
        out.writeBytes(k, 1, k.length - 3);
        out.writeBytes(jsonText.array(), 0, jsonText.length());
    }

    private void member(byte[] key, JsonBuffer jsonText) {
        out.writeBytes(key, 0, key.length);
        out.writeBytes(jsonText.array(), 0, jsonText.length());
    }

    private boolean chosen(int slot, int which) {
        return slot >= 0 && candidate[slot >> FlowColumn.SOURCE_BITS] == which
                && source[slot >> FlowColumn.SOURCE_BITS] == (slot & ((1 << FlowColumn.SOURCE_BITS) - 1));
    }

    /** Whether a candidate of source index {@code src} beats the column's current choice. */
    private boolean better(int column, int src) {
        return source[column] == NONE || src < source[column];
    }

    private void choose(int column, int src, int which, long v) {
        source[column] = src;
        candidate[column] = which;
        value[column] = v;
    }

    /** A template field as a candidate for its column. */
    private void offer(int slot, int field, DataType type, byte[] b, int off, int len) {
        int c = slot >> FlowColumn.SOURCE_BITS;
        int src = slot & ((1 << FlowColumn.SOURCE_BITS) - 1);
        if (!better(c, src)) {
            return;
        }
        switch (KIND[c]) {
            case ADDRESS -> {
                if ((type == DataType.IPV4_ADDRESS && len == 4) || (type == DataType.IPV6_ADDRESS && len == 16)) {
                    choose(c, src, field, off);
                }
            }
            case STRING -> {
                if (type.isList()) {
                    return;
                }
                text.reset();
                FieldValues.write(text, type, b, off, len);
                if (plainString(text)) {
                    strings[c].reset();
                    strings[c].raw(text.array(), text.length());
                    choose(c, src, field, 0);
                }
            }
            default -> {
                long v = FieldValues.integer(type, b, off, len);
                if (v != FieldValues.NOT_INTEGER && fits(c, v)) {
                    choose(c, src, field, v);
                }
            }
        }
    }

    /** A value the JSON writes as an integer (a derived time, a sampling value) as a candidate. */
    private void offerInteger(int slot, int which, long v) {
        if (slot < 0) {
            return;
        }
        int c = slot >> FlowColumn.SOURCE_BITS;
        int src = slot & ((1 << FlowColumn.SOURCE_BITS) - 1);
        FlowColumn.Kind kind = KIND[c];
        if (better(c, src) && kind != FlowColumn.Kind.ADDRESS && kind != FlowColumn.Kind.STRING && fits(c, v)) {
            choose(c, src, which, v);
        }
    }

    private static boolean fits(int column, long v) {
        return KIND[column] != FlowColumn.Kind.INT || (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
    }

    /** A JSON string whose text has no escapes: the text is the string's value as it stands. */
    private static boolean plainString(JsonBuffer j) {
        byte[] a = j.array();
        int n = j.length();
        if (n < 2 || a[0] != '"' || a[n - 1] != '"') {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            if (a[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Per field of {@code t}: its column slot ({@link FlowColumn#slot}) or -1; computed once per
     * template and attached to it.
     */
    private static int[] slots(Template t) {
        if (t.attachment() instanceof ColumnSlots c) {
            return c.slots;
        }
        int[] s = new int[t.fieldCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = elementSlot(t.element(i));
        }
        t.attach(new ColumnSlots(s));
        return s;
    }

    /** The column slots of a template's fields, attached to the template. */
    private record ColumnSlots(int[] slots) { }

    /** The slots of the sampling elements (a few: looked up per record, in a reused array). */
    private int[] samplingSlots(Sampling s) {
        if (s != null) {
            if (samplingSlots.length < s.size()) {
                samplingSlots = new int[s.size()];
            }
            for (int i = 0; i < s.size(); i++) {
                samplingSlots[i] = elementSlot(s.element(i));
            }
        }
        return samplingSlots;
    }

    /** The slot of an element's key, header columns excluded (they are not elements). */
    private static int elementSlot(InformationElement e) {
        int slot = e.columnSlot();
        return slot >= 0 && FlowColumn.of(slot >> FlowColumn.SOURCE_BITS).header() ? -1 : slot;
    }
}
