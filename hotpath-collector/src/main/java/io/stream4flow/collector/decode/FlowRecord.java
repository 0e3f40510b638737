package io.stream4flow.collector.decode;

/**
 * One decoded data record, as a flyweight over the message bytes: valid only during the {@link
 * RecordHandler#onRecord} call that receives it (the decoder reuses it for the next record). Copy
 * what must outlive the call, or encode it there.
 *
 * <p>Field {@code i} of {@link #template()} lies at {@code buffer()[fieldOffset(i) ..
 * fieldOffset(i) + fieldLength(i))}.
 */
public final class FlowRecord {
    /** Marks a time that could not be computed. */
    public static final long NO_TIME = Long.MIN_VALUE;

    ExporterState exporter;
    DomainState domain;
    MessageContext context;
    Template template;
    byte[] buffer;
    int[] offsets;
    int[] lengths;
    long flowStartMillis = NO_TIME;
    long flowEndMillis = NO_TIME;
    boolean startComputed;
    boolean endComputed;
    Sampling sampling;
    boolean held;

    final int[] scratchOffsets;
    final int[] scratchLengths;

    FlowRecord(int maxFields) {
        scratchOffsets = new int[maxFields];
        scratchLengths = new int[maxFields];
    }

    public ExporterState exporter() {
        return exporter;
    }

    public DomainState domainState() {
        return domain;
    }

    /** 5, 9 or 10. */
    public int version() {
        return context.version;
    }

    /** IPFIX observation domain id, v9 source id, v5 engine type &lt;&lt; 8 | engine id. */
    public long domain() {
        return context.domain;
    }

    /** Export time of the message, epoch milliseconds. */
    public long exportTimeMillis() {
        return context.exportTimeMillis;
    }

    /** The message's sequence number as sent. */
    public long sequence() {
        return context.sequence;
    }

    /** Exporter uptime at export (v5, v9), ms, or -1. */
    public long sysUptimeMillis() {
        return context.sysUptimeMillis;
    }

    public Template template() {
        return template;
    }

    /** 0 for v5 records. */
    public int templateId() {
        return template.id;
    }

    public boolean isOptions() {
        return template.options;
    }

    public byte[] buffer() {
        return buffer;
    }

    /** Offsets of all fields (read only; valid during the call, like the record). */
    public int[] fieldOffsets() {
        return offsets;
    }

    /** Lengths of all fields (read only; valid during the call, like the record). */
    public int[] fieldLengths() {
        return lengths;
    }

    public int fieldOffset(int i) {
        return offsets[i];
    }

    public int fieldLength(int i) {
        return lengths[i];
    }

    /**
     * Flow start in epoch ms, or {@link #NO_TIME}. {@link #startComputed()} tells whether the record
     * sent it as flowStartMilliseconds or the decoder derived it from another time element.
     */
    public long flowStartMillis() {
        return flowStartMillis;
    }

    public long flowEndMillis() {
        return flowEndMillis;
    }

    /** True when the start time was derived (relative or other-unit time) rather than sent in ms. */
    public boolean startComputed() {
        return startComputed;
    }

    public boolean endComputed() {
        return endComputed;
    }

    /** Sampling announced for this record's exporter and domain (not sent in the record), or null. */
    public Sampling sampling() {
        return sampling;
    }

    /** True when the record was held for a while because its template came later. */
    public boolean wasHeld() {
        return held;
    }
}
