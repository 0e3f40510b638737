package io.stream4flow.collector.decode;

import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.JsonBuffer;

/**
 * A record's absolute flow start and end ({@link FlowRecord#flowStartMillis}, {@link FlowRecord#flowEndMillis}),
 * from whichever time elements its template has. Stateless; called on the decoding thread for every record.
 */
final class FlowTimes {
    private FlowTimes() { }

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
    static void compute(DomainState d, Template t, FlowRecord r, MessageContext ctx) {
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
            start = JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_US, 8)) >= 0) {
            end = JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (start == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_START_NS, 8)) >= 0) {
            start = JsonBuffer.ntpToEpochMillis(u(r, i));
        }
        if (end == FlowRecord.NO_TIME && (i = idx(t, r, Template.S_END_NS, 8)) >= 0) {
            end = JsonBuffer.ntpToEpochMillis(u(r, i));
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
}
