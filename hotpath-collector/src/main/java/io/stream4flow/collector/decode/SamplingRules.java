package io.stream4flow.collector.decode;

import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;

/**
 * Which sampling a record was taken under: announcements learnt from options data (per sampler or selector id, or
 * for the whole domain), the v5 header's interval, and the lookup for a data record. Announcements allocate (they
 * are rare and bounded: 1,024 samplers per domain); the lookup does not.
 */
final class SamplingRules {
    private SamplingRules() { }

    /** The sampling of data record {@code r}: its sampler's, else the domain's, else null. */
    static Sampling samplingFor(DomainState d, Template t, FlowRecord r) {
        if (d.samplers != null) {
            int idx = samplerIndex(t);
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
    static void learnFromOptions(ExporterState ex, DomainState d, Template t, FlowRecord r) {
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
        int idx = samplerIndex(t);
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
    static void setHeaderSampling(ElementRegistry registry, ExporterState ex, DomainState d, int mode, int interval) {
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

    /** The field naming the record's sampler (samplerId, else selectorId), or -1. */
    private static int samplerIndex(Template t) {
        return t.special[Template.S_SAMPLER_ID] >= 0 ? t.special[Template.S_SAMPLER_ID]
                : t.special[Template.S_SELECTOR_ID];
    }
}
