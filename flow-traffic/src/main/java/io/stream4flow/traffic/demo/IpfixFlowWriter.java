package io.stream4flow.traffic.demo;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes {@link DemoFlow}s as IPFIX messages (RFC 7011) with one fixed template, the way a simple
 * flow probe does: a template set in the first message and again every {@link #TEMPLATE_EVERY_MILLIS}
 * (UDP has no session, so collectors that start later learn it), then data sets of up to
 * {@link #MAX_RECORDS} records so a message stays under 1,400 bytes.
 *
 * <pre>
 * message header (16)  version=10 | length | export time (s) | sequence (records sent before) | domain
 * template set (4+4+12*4)  set id 2 | template 256, 12 fields
 * data set (4 + n*55)      set id 256 | records
 * record (55 bytes): sourceIPv4Address 4 | destinationIPv4Address 4 | sourceTransportPort 2 |
 *   destinationTransportPort 2 | protocolIdentifier 1 | tcpControlBits 2 | packetDeltaCount 8 |
 *   octetDeltaCount 8 | flowStartMilliseconds 8 | flowEndMilliseconds 8 | ingressInterface 4 |
 *   egressInterface 4
 * </pre>
 *
 * <p>Not thread-safe: one writer per sending thread. Each call fills and returns a buffer the
 * caller sends before the next call.
 */
public final class IpfixFlowWriter {
    public static final int TEMPLATE_ID = 256;
    public static final int RECORD_LENGTH = 55;
    public static final int MAX_RECORDS = 24;
    public static final long TEMPLATE_EVERY_MILLIS = 10_000;

    private static final int HEADER_LENGTH = 16;
    private static final int SET_HEADER_LENGTH = 4;
    /** IANA element id and length of each template field, in record order. */
    private static final int[][] FIELDS = {
        {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 2}, {2, 8}, {1, 8}, {152, 8}, {153, 8}, {10, 4}, {14, 4},
    };
    private static final int TEMPLATE_SET_LENGTH = SET_HEADER_LENGTH + 4 + FIELDS.length * 4;

    private final long domain;
    private final ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + TEMPLATE_SET_LENGTH
            + SET_HEADER_LENGTH + MAX_RECORDS * RECORD_LENGTH);
    private long sequence;
    private long templateSentMillis = Long.MIN_VALUE;

    /** @param domain the observation domain id written in every message */
    public IpfixFlowWriter(long domain) {
        this.domain = domain;
    }

    /**
     * One message with {@code flows.subList(from, from + n)}, {@code n = min(MAX_RECORDS, size - from)},
     * preceded by the template set when it is due.
     *
     * @param nowMillis the export time (epoch ms); also decides whether the template is due
     * @return the message, positioned at 0 with its length as limit; valid until the next call
     */
    public ByteBuffer message(List<DemoFlow> flows, int from, long nowMillis) {
        int n = Math.min(MAX_RECORDS, flows.size() - from);
        if (n < 0) {
            throw new IllegalArgumentException("from " + from + " is past the " + flows.size() + " flows");
        }
        ByteBuffer b = buffer.clear();
        b.position(HEADER_LENGTH);
        if (nowMillis - templateSentMillis >= TEMPLATE_EVERY_MILLIS || templateSentMillis == Long.MIN_VALUE) {
            b.putShort((short) 2).putShort((short) TEMPLATE_SET_LENGTH);
            b.putShort((short) TEMPLATE_ID).putShort((short) FIELDS.length);
            for (int[] field : FIELDS) {
                b.putShort((short) field[0]).putShort((short) field[1]);
            }
            templateSentMillis = nowMillis;
        }
        if (n > 0) {
            b.putShort((short) TEMPLATE_ID).putShort((short) (SET_HEADER_LENGTH + n * RECORD_LENGTH));
            for (int i = from; i < from + n; i++) {
                DemoFlow f = flows.get(i);
                b.putInt(f.src()).putInt(f.dst()).putShort((short) f.srcPort()).putShort((short) f.dstPort())
                        .put((byte) f.protocol()).putShort((short) f.tcpFlags()).putLong(f.packets())
                        .putLong(f.bytes()).putLong(f.startMillis()).putLong(f.endMillis())
                        .putInt(1).putInt(2);
            }
        }
        int length = b.position();
        b.putShort(0, (short) 10).putShort(2, (short) length).putInt(4, (int) (nowMillis / 1000))
                .putInt(8, (int) sequence).putInt(12, (int) domain);
        sequence += n;
        return b.flip();
    }

    /** Number of data records written so far (the next message's sequence number). */
    public long sequence() {
        return sequence;
    }
}
