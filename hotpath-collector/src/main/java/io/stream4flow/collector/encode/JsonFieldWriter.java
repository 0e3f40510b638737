package io.stream4flow.collector.encode;

import io.stream4flow.collector.decode.DomainState;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.Template;
import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;
import io.stream4flow.schema.JsonBuffer;

/**
 * Writes the values of a record's fields as flow JSON: scalars through {@link FieldValues}, the fields
 * of an element a template names several times as one array, RFC 6313 lists as JSON arrays (of values
 * for basicList, of objects for subTemplateList / subTemplateMultiList); list content that does not
 * parse is written as hex and counted in {@link #badLists()} and on the exporter. Shared by the JSON
 * and the Avro encoder, so a value has one JSON text in both.
 *
 * <p>One instance per encoder (thread). Allocates nothing, except for non-integral float values and
 * basicList element lookups.
 */
final class JsonFieldWriter {
    private final ElementRegistry registry;
    private final int maxDepth;
    private final int[][] offsets;
    private final int[][] lengths;
    private long badLists;
    private ExporterState current;

    JsonFieldWriter(ElementRegistry registry, int maxFields, int maxListDepth) {
        this.registry = registry;
        this.maxDepth = maxListDepth;
        this.offsets = new int[maxListDepth + 1][maxFields];
        this.lengths = new int[maxListDepth + 1][maxFields];
    }

    /** Lists whose content did not parse (written as hex). */
    long badLists() {
        return badLists;
    }

    /** The exporter whose records follow (bad lists are counted on it too). */
    void exporter(ExporterState exporter) {
        current = exporter;
    }

    /**
     * Writes the value of top-level field {@code i} of {@code t}: for the first of several fields with
     * the same element ({@link Template#emitKind} 1) the array of all their values.
     */
    void topLevel(JsonBuffer out, DomainState d, Template t, int i, byte[] b, int[] o, int[] l) {
        if (t.emitKind(i) == 0) {
            value(out, d, t.element(i), b, o[i], l[i], 0);
        } else {
            repeated(out, d, t, i, b, o, l, 0);
        }
    }

    private void repeated(JsonBuffer out, DomainState d, Template t, int i, byte[] b, int[] o, int[] l, int depth) {
        out.beginArray();
        for (int j = i; j >= 0; j = t.nextSame(j)) {
            out.element();
            value(out, d, t.element(j), b, o[j], l[j], depth);
        }
        out.endArray();
    }

    /**
     * Writes the fields of one record as members of the open object: each field once, the fields
     * of a repeated element as one array. {@code afterMember}: the object has a member already, so
     * every key takes its pre-encoded comma.
     */
    void fields(JsonBuffer out, DomainState d, Template t, byte[] b, int[] o, int[] l, int depth,
                boolean afterMember) {
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
                value(out, d, e, b, o[i], l[i], depth);
            } else {
                repeated(out, d, t, i, b, o, l, depth);
            }
        }
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
