package io.stream4flow.collector.decode;

import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;

/**
 * Walks the content of an RFC 6313 structured-data value (basicList, subTemplateList,
 * subTemplateMultiList) and hands what it holds, in order, to a {@link Visitor}: the values of a
 * basicList, the records of the sub-template lists with their field offsets. The one place that
 * parses list content and counts the lists that do not parse ({@link DecodeCounter#BAD_LIST}, on the
 * exporter and in {@link #badLists()}); encoders only write what they are handed.
 *
 * <pre>
 * basicList             semantic (1) | element id (2, bit 15: enterprise) | element length (2, 65535:
 *                       variable) | [PEN (4)] | values (variable ones: length 1, or 255 and length 2)
 * subTemplateList       semantic (1) | template id (2) | records of that template
 * subTemplateMultiList  semantic (1) | (template id (2) | length (2, header included) | records)...
 * </pre>
 *
 * <p>Bounds are checked before every read; a template id the exporter's domain does not know, a
 * zero-length fixed element, a sub-template with more fields than the walker holds room for, or
 * nesting deeper than {@code maxListDepth} make the list bad.
 *
 * <p>One instance per encoder (thread), touched only by that thread. Allocates nothing (basicList
 * element lookups in the registry aside); nested lists are walked by calling {@link #walk} again from
 * the visitor, each depth with its own offset arrays.
 */
public final class ListWalker {
    /** Receives a list's content, on the walking thread, between {@link #beginList} and {@link #endList}. */
    public interface Visitor {
        void beginList();

        /** One basicList value: {@code e}'s value in {@code b[off, off + len)}, at nesting {@code depth}. */
        void element(InformationElement e, byte[] b, int off, int len, int depth);

        /**
         * One record of template {@code t}: field {@code i} is {@code b[o[i], o[i] + l[i])}. The arrays
         * belong to the walker and hold this record until the visitor returns.
         */
        void record(Template t, byte[] b, int[] o, int[] l, int depth);

        void endList();
    }

    private static final int SEMANTIC_LENGTH = 1;
    private static final int BASIC_HEADER_LENGTH = 4;
    private static final int PEN_LENGTH = 4;
    private static final int TEMPLATE_ID_LENGTH = 2;
    private static final int MULTI_HEADER_LENGTH = 4;

    private final ElementRegistry registry;
    private final int maxDepth;
    private final int[][] offsets;
    private final int[][] lengths;
    private long badLists;
    private ExporterState exporter;

    /**
     * @param maxFields the most fields a sub-template may have
     * @param maxListDepth the deepest nesting of lists walked; deeper lists are bad
     */
    public ListWalker(ElementRegistry registry, int maxFields, int maxListDepth) {
        this.registry = registry;
        this.maxDepth = maxListDepth;
        this.offsets = new int[maxListDepth + 1][maxFields];
        this.lengths = new int[maxListDepth + 1][maxFields];
    }

    /** The exporter whose records follow (bad lists are counted on it too); may be null. */
    public void exporter(ExporterState e) {
        exporter = e;
    }

    /** Lists whose content did not parse, since this walker was made. */
    public long badLists() {
        return badLists;
    }

    /**
     * Walks the list value {@code b[off, off + len)} of type {@code type} found in a record at nesting
     * {@code depth} (0: a field of the flow record itself); its content is handed over at {@code depth + 1}.
     *
     * @param d the domain whose templates the sub-template lists name; null: none known
     * @return true when the content parsed; false when it did not: counted once here and on the exporter,
     *     and the visitor, having seen part of the content, should discard what it made of it
     */
    public boolean walk(DomainState d, DataType type, byte[] b, int off, int len, int depth, Visitor v) {
        if (depth < maxDepth && content(d, type, b, off, len, depth + 1, v)) {
            return true;
        }
        badLists++;
        if (exporter != null) {
            exporter.countBadList();
        }
        return false;
    }

    private boolean content(DomainState d, DataType type, byte[] b, int off, int len, int depth, Visitor v) {
        if (len < SEMANTIC_LENGTH) {
            return false;
        }
        int end = off + len;
        int p = off + SEMANTIC_LENGTH;
        return switch (type) {
            case BASIC_LIST -> basicList(b, p, end, depth, v);
            case SUB_TEMPLATE_LIST -> subTemplateList(d, b, p, end, depth, v);
            case SUB_TEMPLATE_MULTI_LIST -> subTemplateMultiList(d, b, p, end, depth, v);
            default -> false;
        };
    }

    private boolean basicList(byte[] b, int p, int end, int depth, Visitor v) {
        if (end - p < BASIC_HEADER_LENGTH) {
            return false;
        }
        int ie = u16(b, p);
        int elemLen = u16(b, p + 2);
        p += BASIC_HEADER_LENGTH;
        long pen = 0;
        if ((ie & 0x8000) != 0) {
            if (end - p < PEN_LENGTH) {
                return false;
            }
            pen = FieldValues.readUnsigned(b, p, PEN_LENGTH);
            p += PEN_LENGTH;
            ie &= 0x7FFF;
        }
        InformationElement e = registry.ipfix(pen, ie);
        v.beginList();
        while (p < end) {
            int l = elemLen;
            if (l == Template.VARIABLE) {
                int prefix = prefixLength(b, p, end);
                if (prefix < 0) {
                    return false;
                }
                l = prefixedLength(b, p, prefix);
                p += prefix;
            }
            if (l == 0 && elemLen != Template.VARIABLE) {
                return false;
            }
            if (end - p < l) {
                return false;
            }
            v.element(e, b, p, l, depth);
            p += l;
        }
        v.endList();
        return true;
    }

    private boolean subTemplateList(DomainState d, byte[] b, int p, int end, int depth, Visitor v) {
        if (end - p < TEMPLATE_ID_LENGTH) {
            return false;
        }
        Template t = d == null ? null : d.template(u16(b, p));
        if (t == null) {
            return false;
        }
        v.beginList();
        if (!records(t, b, p + TEMPLATE_ID_LENGTH, end, depth, v)) {
            return false;
        }
        v.endList();
        return true;
    }

    private boolean subTemplateMultiList(DomainState d, byte[] b, int p, int end, int depth, Visitor v) {
        v.beginList();
        while (p < end) {
            if (end - p < MULTI_HEADER_LENGTH) {
                return false;
            }
            int tid = u16(b, p);
            int l = u16(b, p + 2);
            if (l < MULTI_HEADER_LENGTH || p + l > end) {
                return false;
            }
            Template t = d == null ? null : d.template(tid);
            if (t == null) {
                return false;
            }
            if (!records(t, b, p + MULTI_HEADER_LENGTH, p + l, depth, v)) {
                return false;
            }
            p += l;
        }
        v.endList();
        return true;
    }

    /** Hands over each record of {@code t} in {@code b[p, end)}; false when one does not fit. */
    private boolean records(Template t, byte[] b, int p, int end, int depth, Visitor v) {
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
                    int prefix = prefixLength(b, p, end);
                    if (prefix < 0) {
                        return false;
                    }
                    fl = prefixedLength(b, p, prefix);
                    p += prefix;
                }
                if (end - p < fl) {
                    return false;
                }
                o[i] = p;
                l[i] = fl;
                p += fl;
            }
            v.record(t, b, o, l, depth);
        }
        return true;
    }

    /**
     * Bytes of the variable-length prefix at {@code p} (RFC 7011 7: 1, or 3 when the first is 255), or -1
     * when it does not fit before {@code end}.
     */
    private static int prefixLength(byte[] b, int p, int end) {
        if (p >= end) {
            return -1;
        }
        if ((b[p] & 0xFF) < 255) {
            return 1;
        }
        return end - p >= 3 ? 3 : -1;
    }

    /** The length a prefix of {@code prefix} bytes at {@code p} gives. */
    private static int prefixedLength(byte[] b, int p, int prefix) {
        return prefix == 1 ? b[p] & 0xFF : u16(b, p + 1);
    }

    private static int u16(byte[] b, int off) {
        return (int) FieldValues.readUnsigned(b, off, 2);
    }
}
