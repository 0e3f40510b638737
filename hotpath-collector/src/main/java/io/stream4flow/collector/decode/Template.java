package io.stream4flow.collector.decode;

import io.stream4flow.schema.DataType;
import io.stream4flow.schema.InformationElement;

/**
 * A parsed (options) template: its fields resolved to information elements once, with every
 * per-record decision the encoder needs precomputed. Immutable; replaced, never changed, when an
 * exporter redefines the template id.
 *
 * <p>Field lengths are as sent; {@link #VARIABLE} marks a variable-length field (RFC 7011 section
 * 7: a 1-byte length, or 255 followed by a 2-byte length). Fields of length 0 carry no data and are
 * not written to JSON.
 */
public final class Template {
    /** The length value that marks a variable-length field. */
    public static final int VARIABLE = 0xFFFF;

    /** IANA paddingOctets: never written to JSON. */
    static final int PADDING_OCTETS = 210;

    final int id;
    final boolean options;
    final int scopeCount;
    final InformationElement[] elements;
    final int[] lengths;
    /** Offsets of the fields within a record when {@link #fixedLength} >= 0; else null. */
    final int[] fixedOffsets;
    /** Record length when no field is variable-length, else -1. */
    final int fixedLength;
    /** Smallest possible record length (a variable-length field takes at least 1 byte). */
    final int minLength;
    /**
     * Per field: 0 = write it as a member of its own; 1 = first of several fields with the same
     * element (written as one JSON array holding all their values in order); 2 = a later one of
     * those (already written); 3 = not written (zero length, padding).
     */
    final byte[] emit;
    /** Per field: index of the next field with the same element, or -1. */
    final int[] nextSame;
    /** Index of special fields (or -1), for times and sampling. */
    final int[] special;
    /** Time of definition or last refresh (decoder clock, ms). */
    long refreshedMillis;
    final boolean hasSamplingFields;
    final boolean hasLists;
    /** Data an encoder derived from this template once (see {@link #attachment()}). */
    private Object attachment;

    // indexes into special[]
    static final int S_START_SYSUP = 0;      // 22 flowStartSysUpTime
    static final int S_END_SYSUP = 1;        // 21 flowEndSysUpTime
    static final int S_START_SEC = 2;        // 150
    static final int S_END_SEC = 3;          // 151
    static final int S_START_MS = 4;         // 152
    static final int S_END_MS = 5;           // 153
    static final int S_START_US = 6;         // 154
    static final int S_END_US = 7;           // 155
    static final int S_START_NS = 8;         // 156
    static final int S_END_NS = 9;           // 157
    static final int S_START_DELTA_US = 10;  // 158
    static final int S_END_DELTA_US = 11;    // 159
    static final int S_SYS_INIT_MS = 12;     // 160 systemInitTimeMilliseconds
    static final int S_DURATION_MS = 13;     // 161
    static final int S_DURATION_US = 14;     // 162
    static final int S_SAMPLER_ID = 15;      // 48 samplerId / flowSamplerId
    static final int S_SELECTOR_ID = 16;     // 302 selectorId
    static final int SPECIALS = 17;

    private static final int[] SPECIAL_IDS = {22, 21, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
        160, 161, 162, 48, 302};

    /** IANA elements that announce a sampling configuration in options data. */
    static boolean isSamplingElement(int id) {
        return id == 34 || id == 35 || id == 49 || id == 50 || id == 304 || id == 305 || id == 306
                || id == 309 || id == 310;
    }

    Template(int id, boolean options, int scopeCount, InformationElement[] elements, int[] lengths) {
        this.id = id;
        this.options = options;
        this.scopeCount = scopeCount;
        this.elements = elements;
        this.lengths = lengths;
        int n = elements.length;
        int fixed = 0;
        int min = 0;
        boolean variable = false;
        for (int len : lengths) {
            if (len == VARIABLE) {
                variable = true;
                min += 1;
            } else {
                fixed += len;
                min += len;
            }
        }
        this.fixedLength = variable ? -1 : fixed;
        this.minLength = min;
        if (!variable) {
            fixedOffsets = new int[n];
            int o = 0;
            for (int i = 0; i < n; i++) {
                fixedOffsets[i] = o;
                o += lengths[i];
            }
        } else {
            fixedOffsets = null;
        }
        emit = new byte[n];
        nextSame = new int[n];
        special = new int[SPECIALS];
        java.util.Arrays.fill(special, -1);
        boolean sampling = false;
        boolean lists = false;
        for (int i = 0; i < n; i++) {
            nextSame[i] = -1;
            InformationElement e = elements[i];
            boolean iana = e.pen() == 0 && e.isDefined() && !e.isReverse();
            if (iana) {
                // first occurrence of each special element, whatever its length (users check it)
                for (int s = 0; s < SPECIALS; s++) {
                    if (SPECIAL_IDS[s] == e.id() && special[s] < 0) {
                        special[s] = i;
                    }
                }
                if (isSamplingElement(e.id())) {
                    sampling = true;
                }
            }
            if (lengths[i] == 0 || (iana && e.id() == PADDING_OCTETS)) {
                emit[i] = 3;
                continue;
            }
            if (e.dataType().isList()) {
                lists = true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (emit[i] != 0) {
                continue;
            }
            int prev = i;
            for (int j = i + 1; j < n; j++) {
                // by key: an element with no definition may come as distinct instances with one key
                if (emit[j] == 0 && (elements[j] == elements[i] || elements[j].key().equals(elements[i].key()))) {
                    nextSame[prev] = j;
                    emit[j] = 2;
                    emit[i] = 1;
                    prev = j;
                }
            }
        }
        this.hasSamplingFields = sampling;
        this.hasLists = lists;
    }

    public int id() {
        return id;
    }

    public boolean isOptions() {
        return options;
    }

    public int scopeCount() {
        return scopeCount;
    }

    public int fieldCount() {
        return elements.length;
    }

    public InformationElement element(int i) {
        return elements[i];
    }

    /** Length of field i as sent, {@link #VARIABLE} for variable-length. */
    public int length(int i) {
        return lengths[i];
    }

    /**
     * How field i is written: 0 as a member of its own, 1 as the first of several fields with the
     * same element (one member holding an array of their values), 2 as a later one of those
     * (already written with the first), 3 not at all (zero length, padding).
     */
    public int emitKind(int i) {
        return emit[i];
    }

    /** The next field with the same element as field i, or -1. */
    public int nextSame(int i) {
        return nextSame[i];
    }

    /**
     * What an encoder attached with {@link #attach}, or null: per-template data it computes once
     * (the template never changes) instead of per record. Read and written on the thread that decodes
     * this template's exporter; what is attached must depend on the template alone.
     */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object o) {
        attachment = o;
    }

    /** Whether two templates describe the same record layout (a refresh, not a redefinition). */
    boolean sameLayout(Template o) {
        if (o.options != options || o.scopeCount != scopeCount || o.elements.length != elements.length) {
            return false;
        }
        for (int i = 0; i < elements.length; i++) {
            if (o.elements[i] != elements[i] || o.lengths[i] != lengths[i]) {
                return false;
            }
        }
        return true;
    }

    boolean isType(int i, DataType t) {
        return elements[i].dataType() == t;
    }
}
