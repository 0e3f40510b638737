package io.stream4flow.collector.decode;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Data sets that arrived before their template: kept per exporter within {@link DecoderLimits#heldBytesPerExporter}
 * and {@link DecoderLimits#heldMaxAgeMillis} (the oldest dropped first, counted), decoded when the template comes.
 */
final class HeldData {
    private HeldData() { }

    /** Keeps a data set whose template is unknown, within the exporter's byte bound. */
    static void hold(DecoderLimits limits, ExporterState ex, DomainState d, int templateId, byte[] b, int off,
                     int len, MessageContext ctx, long now) {
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
    static void expireAll(ExporterState ex) {
        while (!ex.held.isEmpty()) {
            HeldSet dropped = ex.held.pollFirst();
            ex.heldBytes -= dropped.body.length;
            ex.count(DecodeCounter.HELD_EXPIRED);
        }
    }

    static void expire(DecoderLimits limits, ExporterState ex, long now) {
        while (!ex.held.isEmpty() && now - ex.held.peekFirst().arrivalMillis > limits.heldMaxAgeMillis()) {
            HeldSet dropped = ex.held.pollFirst();
            ex.heldBytes -= dropped.body.length;
            ex.count(DecodeCounter.HELD_EXPIRED);
        }
    }

    static void release(FlowDecoder decoder, ExporterState ex, DomainState d, Template t, RecordHandler h) {
        long key = ExporterState.domainKey(d.version, d.domain);
        Iterator<HeldSet> it = ex.held.iterator();
        while (it.hasNext()) {
            HeldSet hs = it.next();
            if (hs.domainKey == key && hs.templateId == t.id) {
                it.remove();
                ex.heldBytes -= hs.body.length;
                long before = ex.counter(DecodeCounter.DATA_RECORDS) + ex.counter(DecodeCounter.OPTIONS_RECORDS);
                decoder.walkRecords(ex, d, t, hs.body, 0, hs.body.length, hs.context, h, true);
                long after = ex.counter(DecodeCounter.DATA_RECORDS) + ex.counter(DecodeCounter.OPTIONS_RECORDS);
                ex.count(DecodeCounter.HELD_RECORDS_DECODED, after - before);
            }
        }
    }
}
