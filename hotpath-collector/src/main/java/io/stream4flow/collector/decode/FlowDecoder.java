package io.stream4flow.collector.decode;

import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;
import java.util.Arrays;
import java.util.Iterator;

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
        expireHeld(exporter, nowMillis);
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
            releaseHeld(ex, d, t, h);
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

    /** Keeps a data set whose template is unknown, within the exporter's byte bound. */
    void hold(ExporterState ex, DomainState d, int templateId, byte[] b, int off, int len,
              MessageContext ctx, long now) {
        if (limits.heldBytesPerExporter() <= 0) {
            ex.count(DecodeCounter.MISSING_TEMPLATE);
            return;
        }
        if (len > limits.heldBytesPerExporter()) {
            ex.count(DecodeCounter.HELD_OVERFLOW);
            return;
        }
        while (ex.heldBytes + len > limits.heldBytesPerExporter() && !ex.held.isEmpty()) {
            HeldSet dropped = ex.held.pollFirst();
            ex.heldBytes -= dropped.body.length;
            ex.count(DecodeCounter.HELD_OVERFLOW);
        }
        byte[] body = Arrays.copyOfRange(b, off, off + len);
        ex.held.addLast(new HeldSet(ExporterState.domainKey(d.version, d.domain), templateId, body,
                ctx.copy(), now));
        ex.heldBytes += len;
        ex.count(DecodeCounter.HELD_SETS);
    }

    /**
     * Drops every held set of the exporter, counting each as expired: for the end of an input
     * (offline decoding) or of an exporter's session.
     */
    public void expireAllHeld(ExporterState ex) {
        while (!ex.held.isEmpty()) {
            HeldSet dropped = ex.held.pollFirst();
            ex.heldBytes -= dropped.body.length;
            ex.count(DecodeCounter.HELD_EXPIRED);
        }
    }

    private void expireHeld(ExporterState ex, long now) {
        while (!ex.held.isEmpty() && now - ex.held.peekFirst().arrivalMillis > limits.heldMaxAgeMillis()) {
            HeldSet dropped = ex.held.pollFirst();
            ex.heldBytes -= dropped.body.length;
            ex.count(DecodeCounter.HELD_EXPIRED);
        }
    }

    private void releaseHeld(ExporterState ex, DomainState d, Template t, RecordHandler h) {
        long key = ExporterState.domainKey(d.version, d.domain);
        Iterator<HeldSet> it = ex.held.iterator();
        while (it.hasNext()) {
            HeldSet hs = it.next();
            if (hs.domainKey == key && hs.templateId == t.id) {
                it.remove();
                ex.heldBytes -= hs.body.length;
                long before = ex.counter(DecodeCounter.DATA_RECORDS) + ex.counter(DecodeCounter.OPTIONS_RECORDS);
                walkRecords(ex, d, t, hs.body, 0, hs.body.length, hs.context, h, true);
                long after = ex.counter(DecodeCounter.DATA_RECORDS) + ex.counter(DecodeCounter.OPTIONS_RECORDS);
                ex.count(DecodeCounter.HELD_RECORDS_DECODED, after - before);
            }
        }
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
            learnFromOptions(ex, d, t, r);
        } else {
            ex.count(DecodeCounter.DATA_RECORDS);
        }
        computeTimes(d, t, r, ctx);
        r.sampling = t.hasSamplingFields ? null : samplingFor(d, t, r);
        h.onRecord(r);
    }

    private Sampling samplingFor(DomainState d, Template t, FlowRecord r) {
        if (d.samplers != null) {
            int idx = t.special[Template.S_SAMPLER_ID] >= 0 ? t.special[Template.S_SAMPLER_ID]
                    : t.special[Template.S_SELECTOR_ID];
            if (idx >= 0 && r.lengths[idx] >= 1 && r.lengths[idx] <= 8) {
                Sampling s = d.samplers.get(FieldValues.readUnsigned(r.buffer, r.offsets[idx], r.lengths[idx]));
                if (s != null) {
                    return s;
                }
            }
        }
        return d.sampling;
    }

    /** Options data: sampling announcements and the exporter's boot time. */
    private void learnFromOptions(ExporterState ex, DomainState d, Template t, FlowRecord r) {
        int sysInit = t.special[Template.S_SYS_INIT_MS];
        if (sysInit >= 0 && r.lengths[sysInit] == 8) {
            d.systemInitMillis = FieldValues.readUnsigned(r.buffer, r.offsets[sysInit], 8);
        }
        if (!t.hasSamplingFields) {
            return;
        }
        int count = 0;
        for (int i = 0; i < t.elements.length; i++) {
            InformationElement e = t.elements[i];
            if (t.emit[i] < 2 && isIanaSampling(e)
                    && r.lengths[i] >= 1 && r.lengths[i] <= 8) {
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        InformationElement[] els = new InformationElement[count];
        long[] vals = new long[count];
        int k = 0;
        for (int i = 0; i < t.elements.length; i++) {
            InformationElement e = t.elements[i];
            if (t.emit[i] < 2 && isIanaSampling(e)
                    && r.lengths[i] >= 1 && r.lengths[i] <= 8) {
                els[k] = e;
                vals[k] = FieldValues.readUnsigned(r.buffer, r.offsets[i], r.lengths[i]);
                k++;
            }
        }
        Sampling s = new Sampling(els, vals);
        int idx = t.special[Template.S_SAMPLER_ID] >= 0 ? t.special[Template.S_SAMPLER_ID]
                : t.special[Template.S_SELECTOR_ID];
        if (idx >= 0 && r.lengths[idx] >= 1 && r.lengths[idx] <= 8) {
            if (d.samplers == null) {
                d.samplers = new LongObjectMap<>(4);
            }
            long id = FieldValues.readUnsigned(r.buffer, r.offsets[idx], r.lengths[idx]);
            if (!s.sameAs(d.samplers.get(id)) && d.samplers.size() < 1024) {
                d.samplers.put(id, s);
            }
        } else if (!s.sameAs(d.sampling)) {
            d.sampling = s;
        }
        ex.count(DecodeCounter.SAMPLING_ANNOUNCEMENTS);
    }

    /** A defined IANA sampling element (not a v9 scope or an unknown element with the same id). */
    private static boolean isIanaSampling(InformationElement e) {
        return e.pen() == 0 && e.isDefined() && !e.isReverse() && Template.isSamplingElement(e.id());
    }

    /** Sets the v5 header's sampling on the domain (null when the header announces none). */
    void setHeaderSampling(ExporterState ex, DomainState d, int mode, int interval) {
        if (interval <= 1) {
            d.sampling = null;
            return;
        }
        if (d.sampling != null && d.sampling.values[0] == interval
                && (d.sampling.values.length > 1 ? d.sampling.values[1] : 0) == mode) {
            return;
        }
        d.sampling = new Sampling(
                new InformationElement[] {registry.netflowV9(34), registry.netflowV9(35)},
                new long[] {interval, mode});
        ex.count(DecodeCounter.SAMPLING_ANNOUNCEMENTS);
    }

    // ------------------------------------------------------------------ times

    private static long u(FlowRecord r, int i) {
        int n = r.lengths[i];
        return n >= 1 && n <= 8 ? FieldValues.readUnsigned(r.buffer, r.offsets[i], n) : -1;
    }

    private static int idx(Template t, FlowRecord r, int special, int len) {
        int i = t.special[special];
        return i >= 0 && r.lengths[i] == len ? i : -1;
    }

    /**
     * Absolute flow start and end in epoch ms, from whichever time elements the record has:
     * milliseconds as sent; seconds, microseconds, nanoseconds converted; sysUpTime-relative times
     * with the header's uptime (v5, v9) or systemInitTimeMilliseconds (IPFIX); delta microseconds
     * against the export time; a missing end from the start plus a duration.
     */
    private static void computeTimes(DomainState d, Template t, FlowRecord r, MessageContext ctx) {
        long start = FlowRecord.NO_TIME;
        long end = FlowRecord.NO_TIME;
        boolean startComputed = true;
        boolean endComputed = true;
        int[] sp = t.special;
        if (sp[Template.S_START_MS] >= 0 && r.lengths[sp[Template.S_START_MS]] == 8) {
            start = u(r, sp[Template.S_START_MS]);
            startComputed = false;
        }
        if (sp[Template.S_END_MS] >= 0 && r.lengths[sp[Template.S_END_MS]] == 8) {
            end = u(r, sp[Template.S_END_MS]);
            endComputed = false;
        }
        int i;
        if (start == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_START_SEC, 4)) >= 0) {
            start = u(r, i) * 1000L;
        }
        if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_SEC, 4)) >= 0) {
            end = u(r, i) * 1000L;
        }
        if (start == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_START_US, 8)) >= 0) {
            start = io.stream4flow.schema.JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_US, 8)) >= 0) {
            end = io.stream4flow.schema.JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (start == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_START_NS, 8)) >= 0) {
            start = io.stream4flow.schema.JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_NS, 8)) >= 0) {
            end = io.stream4flow.schema.JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (start == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_START_DELTA_US, 4)) >= 0) {
            start = ctx.exportTimeMillis - u(r, i) / 1000L;
        }
        if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_DELTA_US, 4)) >= 0) {
            end = ctx.exportTimeMillis - u(r, i) / 1000L;
        }
        if (start == FlowRecord.NO_TIME || end == FlowRecord.NO_TIME) {
            // sysUpTime-relative: boot time from the header (v5/v9) or from systemInitTimeMilliseconds
            long boot = FlowRecord.NO_TIME;
            long uptime = -1;
            if (ctx.sysUptimeMillis >= 0) {
                boot = ctx.exportTimeMillis - ctx.sysUptimeMillis;
                uptime = ctx.sysUptimeMillis;
            } else if ((i = idx(t, r, Template.S_SYS_INIT_MS, 8)) >= 0) {
                boot = u(r, i);
            } else if (d.systemInitMillis >= 0) {
                boot = d.systemInitMillis;
            }
            if (boot != FlowRecord.NO_TIME) {
                if (start == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_START_SYSUP, 4)) >= 0) {
                    start = boot + relative(u(r, i), uptime);
                }
                if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_SYSUP, 4)) >= 0) {
                    end = boot + relative(u(r, i), uptime);
                }
            }
        }
        if (end == FlowRecord.NO_TIME && start != FlowRecord.NO_TIME) {
            if ((i = idx(t, r, Template.S_DURATION_MS, 4)) >= 0) {
                end = start + u(r, i);
            } else if ((i = idx(t, r, Template.S_DURATION_US, 4)) >= 0) {
                end = start + u(r, i) / 1000L;
            }
        }
        r.flowStartMillis = start;
        r.flowEndMillis = end;
        // written to JSON only when the template does not name the element itself
        r.startComputed = start != FlowRecord.NO_TIME && startComputed && sp[Template.S_START_MS] < 0;
        r.endComputed = end != FlowRecord.NO_TIME && endComputed && sp[Template.S_END_MS] < 0;
    }

    /**
     * An uptime value relative to boot. The 32-bit uptime wraps after 49.7 days: a flow time far
     * above the header's uptime was taken before the wrap.
     */
    private static long relative(long t, long uptime) {
        if (uptime >= 0 && t > uptime && t - uptime > 0x8000_0000L) {
            return t - 0x1_0000_0000L;
        }
        return t;
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
