package io.stream4flow.collector.encode;

import io.stream4flow.collector.decode.DomainState;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.ListWalker;
import io.stream4flow.collector.decode.Template;
import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;
import io.stream4flow.schema.JsonBuffer;

/**
 * Writes the values of a record's fields as flow JSON: scalars through {@link FieldValues}, the fields
 * of an element a template names several times as one array, RFC 6313 lists as JSON arrays (of values
 * for basicList, of objects for subTemplateList / subTemplateMultiList) of what the {@link ListWalker}
 * finds in them; list content that does not parse is written as hex (the walker counts it). Shared by
 * the JSON and the Avro encoder, so a value has one JSON text in both.
 *
 * <p>One instance per encoder (thread). Allocates nothing, except for non-integral float values and
 * basicList element lookups.
 */
final class JsonFieldWriter implements ListWalker.Visitor {
    private final ListWalker lists;
    /** Where the record being written goes, and its domain: set by the entry points for the walk's callbacks. */
    private JsonBuffer out;
    private DomainState domain;

    JsonFieldWriter(ElementRegistry registry, int maxFields, int maxListDepth) {
        this.lists = new ListWalker(registry, maxFields, maxListDepth);
    }

    /** Lists whose content did not parse (written as hex). */
    long badLists() {
        return lists.badLists();
    }

    /** The exporter whose records follow (bad lists are counted on it too). */
    void exporter(ExporterState exporter) {
        lists.exporter(exporter);
    }

    /**
     * Writes the value of top-level field {@code i} of {@code t}: for the first of several fields with
     * the same element ({@link Template#emitKind} 1) the array of all their values.
     */
    void topLevel(JsonBuffer out, DomainState d, Template t, int i, byte[] b, int[] o, int[] l) {
        this.out = out;
        this.domain = d;
        if (t.emitKind(i) == 0) {
            value(t.element(i), b, o[i], l[i], 0);
        } else {
            repeated(t, i, b, o, l, 0);
        }
    }

    private void repeated(Template t, int i, byte[] b, int[] o, int[] l, int depth) {
        out.beginArray();
        for (int j = i; j >= 0; j = t.nextSame(j)) {
            out.element();
            value(t.element(j), b, o[j], l[j], depth);
        }
        out.endArray();
    }

    /**
     * Writes the fields of one record as members of the open object: each field once, the fields
     * of a repeated element as one array. {@code afterMember}: the object has a member already, so
     * every key takes its pre-encoded comma.
     */
    void fields(JsonBuffer out, DomainState d, Template t, byte[] b, int[] o, int[] l, boolean afterMember) {
        this.out = out;
        this.domain = d;
        fields(t, b, o, l, 0, afterMember);
    }

    private void fields(Template t, byte[] b, int[] o, int[] l, int depth, boolean afterMember) {
        int n = t.fieldCount();
        for (int i = 0; i < n; i++) {
            int kind = t.emitKind(i);
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
                value(e, b, o[i], l[i], depth);
            } else {
                repeated(t, i, b, o, l, depth);
            }
        }
    }

    private void value(InformationElement e, byte[] b, int off, int len, int depth) {
        DataType type = e.dataType();
        if (type.isList()) {
            long mark = out.mark();
            if (!lists.walk(domain, type, b, off, len, depth, this)) {
                out.rewind(mark);
                out.hex(b, off, len);
            }
            return;
        }
        FieldValues.write(out, type, b, off, len);
    }

    @Override
    public void beginList() {
        out.beginArray();
    }

    @Override
    public void element(InformationElement e, byte[] b, int off, int len, int depth) {
        out.element();
        value(e, b, off, len, depth);
    }

    @Override
    public void record(Template t, byte[] b, int[] o, int[] l, int depth) {
        out.element();
        out.beginObject();
        fields(t, b, o, l, depth, false);
        out.endObject();
    }

    @Override
    public void endList() {
        out.endArray();
    }
}
