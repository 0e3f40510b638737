package io.stream4flow.collector.decode;

/**
 * Header values of the message a record came in. Mutable and reused by the decoders; copied when a
 * set is held.
 */
final class MessageContext {
    int version;
    long domain;
    /** Export time, epoch milliseconds. */
    long exportTimeMillis;
    long sequence;
    /** Exporter uptime in ms (v5, v9), or -1. */
    long sysUptimeMillis = -1;

    MessageContext copy() {
        MessageContext c = new MessageContext();
        c.version = version;
        c.domain = domain;
        c.exportTimeMillis = exportTimeMillis;
        c.sequence = sequence;
        c.sysUptimeMillis = sysUptimeMillis;
        return c;
    }
}
