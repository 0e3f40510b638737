package io.stream4flow.collector.decode;

/** A data set kept until its template arrives, with the context of the message it came in. */
final class HeldSet {
    final long domainKey;
    final int templateId;
    final byte[] body;
    final MessageContext context;
    final long arrivalMillis;

    HeldSet(long domainKey, int templateId, byte[] body, MessageContext context, long arrivalMillis) {
        this.domainKey = domainKey;
        this.templateId = templateId;
        this.body = body;
        this.context = context;
        this.arrivalMillis = arrivalMillis;
    }
}
