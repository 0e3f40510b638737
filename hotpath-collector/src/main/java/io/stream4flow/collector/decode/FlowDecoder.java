package io.stream4flow.collector.decode;

import io.stream4flow.schema.ElementRegistry;

/**
 * Decodes NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) messages. Pure: bytes and the
 * exporter's {@link ExporterState} in, records (to a {@link RecordHandler}) and counters out. No
 * I/O, no logging, no clock (the caller passes the time), nothing thrown for bad input.
 *
 * <p>One instance per decoding thread: it reuses one {@link FlowRecord} and one message context,
 * so steady-state decoding allocates nothing per record. Template definitions, held data and
 * sampling announcements allocate (they are rare and bounded by {@link DecoderLimits}).
 */
public final class FlowDecoder {
    private final ElementRegistry registry;
    private final DecoderLimits limits;
    final FlowRecord record;
    private final MessageContext context = new MessageContext();
    private final NetflowV5Decoder v5;
    private final NetflowV9Decoder v9;
    private final IpfixDecoder ipfix;

    public FlowDecoder(ElementRegistry registry, DecoderLimits limits) {
        this.registry = registry;
        this.limits = limits;
        this.record = new FlowRecord(Math.max(limits.maxFieldsPerTemplate(), 32));
        this.v5 = new NetflowV5Decoder(this, registry);
        this.v9 = new NetflowV9Decoder(this, registry);
        this.ipfix = new IpfixDecoder(this, registry);
    }

    public ElementRegistry registry() {
        return registry;
    }

    public DecoderLimits limits() {
        return limits;
    }

    /**
     * Decodes every message in {@code b[off, off+len)}: normally one (a UDP datagram), several when
     * they were stored back to back (a raw file). Trailing zero bytes are padding.
     *
     * @param nowMillis the caller's clock, for template lifetime and held-data age
     * @return true when everything decoded, false when something was rejected (counted in the
     *     exporter's counters; records decoded before the fault were still delivered)
     */
    public boolean decode(ExporterState exporter, byte[] b, int off, int len, long nowMillis,
                          RecordHandler handler) {
        long errorsBefore = exporter.errors();
        HeldData.expire(limits, exporter, nowMillis);
        int pos = off;
        int end = off + len;
        if (len < 2) {
            exporter.count(DecodeCounter.TRUNCATED_HEADER);
            return false;
        }
        while (pos < end) {
            if (allZero(b, pos, end)) {
                break;
            }
            int consumed = decodeMessage(exporter, b, pos, end - pos, nowMillis, handler);
            if (consumed <= 0) {
                break;
            }
            pos += consumed;
        }
        return exporter.errors() == errorsBefore;
    }

    /** Decodes one message at {@code b[off]}; returns its length, or -1 when its header was bad. */
    private int decodeMessage(ExporterState ex, byte[] b, int off, int len, long now, RecordHandler h) {
        if (len < 2) {
            ex.count(DecodeCounter.TRUNCATED_HEADER);
            return -1;
        }
        int version = ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
        return switch (version) {
            case 5 -> v5.decode(ex, b, off, len, now, h, context);
            case 9 -> v9.decode(ex, b, off, len, now, h, context);
            case 10 -> ipfix.decode(ex, b, off, len, now, h, context);
            default -> {
                ex.count(DecodeCounter.UNSUPPORTED_VERSION);
                yield -1;
            }
        };
    }

    /** True when {@code b[from, to)} is all zero: padding at the end of a datagram. */
    static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ templates

    /**
     * Stores a template for the domain (counting definition, refresh or redefinition) and decodes
     * data held for it.
     */
    void defineTemplate(ExporterState ex, DomainState d, Template t, long now, RecordHandler h) {
        Template old = d.templates.get(t.id);
        if (old == null && d.templates.size() >= limits.maxTemplatesPerDomain()) {
            ex.count(DecodeCounter.TEMPLATE_LIMIT);
            return;
        }
        ex.count(t.options ? DecodeCounter.OPTIONS_TEMPLATES : DecodeCounter.TEMPLATES);
        if (old != null && old.sameLayout(t)) {
            old.refreshedMillis = now;
            return;
        }
        if (old != null) {
            ex.count(DecodeCounter.TEMPLATE_REDEFINITIONS);
        }
        t.refreshedMillis = now;
        d.templates.put(t.id, t);
        if (!ex.held.isEmpty()) {
            HeldData.release(this, ex, d, t, h);
        }
    }

    /**
     * Looks a template up, forgetting it when the exporter's template lifetime has passed (UDP;
     * over TCP templates live as long as the session, RFC 7011 section 8.4).
     */
    Template template(ExporterState ex, DomainState d, int id, long now) {
        Template t = d.templates.get(id);
        long lifetime = ex.limits().templateLifetimeMillis();
        if (t != null && lifetime > 0 && now - t.refreshedMillis > lifetime) {
            d.templates.remove(id);
            ex.count(DecodeCounter.TEMPLATES_EXPIRED);
            return null;
        }
        return t;
    }

    void withdrawTemplate(ExporterState ex, DomainState d, int id) {
        if (d.templates.remove(id) != null) {
            ex.count(DecodeCounter.TEMPLATE_WITHDRAWALS);
        }
    }

    void withdrawAll(ExporterState ex, DomainState d, boolean options) {
        int before = d.templates.size();
        java.util.List<Template> all = new java.util.ArrayList<>();
        d.templates.forEachValue(all::add);
        for (Template t : all) {
            if (t.options == options) {
                d.templates.remove(t.id);
            }
        }
        ex.count(DecodeCounter.TEMPLATE_WITHDRAWALS, before - d.templates.size());
    }

    // ------------------------------------------------------------------ held data

    /** Keeps a data set whose template is unknown ({@link HeldData}). */
    void hold(ExporterState ex, DomainState d, int templateId, byte[] b, int off, int len, MessageContext ctx,
              long now) {
        HeldData.hold(limits, ex, d, templateId, b, off, len, ctx, now);
    }

    /**
     * Drops every held set of the exporter, counting each as expired: for the end of an input
     * (offline decoding) or of an exporter's session.
     */
    public void expireAllHeld(ExporterState ex) {
        HeldData.expireAll(ex);
    }

    /** Sets the v5 header's sampling on the domain (null when the header announces none). */
    void setHeaderSampling(ExporterState ex, DomainState d, int mode, int interval) {
        SamplingRules.setHeaderSampling(registry, ex, d, mode, interval);
    }

    // ------------------------------------------------------------------ records

    /**
     * Delivers every record of a data set body {@code b[off, end)} (set header excluded). A
     * variable-length field that runs past the end stops the set and is counted.
     *
     * @return number of records delivered
     */
    int walkRecords(ExporterState ex, DomainState d, Template t, byte[] b, int off, int end,
                    MessageContext ctx, RecordHandler h, boolean wasHeld) {
        FlowRecord r = record;
        r.exporter = ex;
        r.domain = d;
        r.context = ctx;
        r.template = t;
        r.buffer = b;
        r.held = wasHeld;
        int n = t.elements.length;
        int count = 0;
        int pos = off;
        if (t.minLength <= 0) {
            return 0; // rejected at definition; defensive
        }
        while (end - pos >= t.minLength) {
            if (t.fixedOffsets != null) {
                // fixed layout: offsets relative to the record start are shared, made absolute here
                int[] o = r.scratchOffsets;
                int[] fo = t.fixedOffsets;
                for (int i = 0; i < n; i++) {
                    o[i] = pos + fo[i];
                }
                r.offsets = o;
                r.lengths = t.lengths;
                pos += t.fixedLength;
            } else {
                int[] o = r.scratchOffsets;
                int[] l = r.scratchLengths;
                int p = pos;
                boolean ok = true;
                for (int i = 0; i < n; i++) {
                    int fl = t.lengths[i];
                    if (fl == Template.VARIABLE) {
                        if (p >= end) {
                            ok = false;
                            break;
                        }
                        fl = b[p++] & 0xFF;
                        if (fl == 255) {
                            if (p + 2 > end) {
                                ok = false;
                                break;
                            }
                            fl = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
                            p += 2;
                        }
                    }
                    if (p + fl > end) {
                        ok = false;
                        break;
                    }
                    o[i] = p;
                    l[i] = fl;
                    p += fl;
                }
                if (!ok) {
                    ex.count(DecodeCounter.RECORD_PAST_SET_END);
                    break;
                }
                r.offsets = o;
                r.lengths = l;
                pos = p;
            }
            deliver(ex, d, t, r, ctx, h);
            count++;
        }
        return count;
    }

    private void deliver(ExporterState ex, DomainState d, Template t, FlowRecord r, MessageContext ctx,
                         RecordHandler h) {
        if (t.options) {
            ex.count(DecodeCounter.OPTIONS_RECORDS);
            SamplingRules.learnFromOptions(ex, d, t, r);
        } else {
            ex.count(DecodeCounter.DATA_RECORDS);
        }
        FlowTimes.compute(d, t, r, ctx);
        r.sampling = t.hasSamplingFields ? null : SamplingRules.samplingFor(d, t, r);
        h.onRecord(r);
    }

    // ------------------------------------------------------------------ helpers

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }

}
