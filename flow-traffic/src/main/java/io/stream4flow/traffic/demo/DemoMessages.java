package io.stream4flow.traffic.demo;

import io.stream4flow.traffic.packet.PacketWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DemoFlow}s as IPFIX messages (RFC 7011) with one fixed template, the way a simple flow probe
 * sends them: a template set in the first message and again every {@link #TEMPLATE_EVERY_MILLIS}
 * (UDP has no session, so collectors that start later learn it), then data sets of up to
 * {@link #MAX_RECORDS} records so a message stays under 1,400 bytes. The bytes are written by the
 * {@link PacketWriter}.
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
 * <p>Not thread-safe: one instance per sending thread. Each call fills and returns a buffer the
 * caller sends before the next call.
 */
public final class DemoMessages {
    public static final int TEMPLATE_ID = 256;
    public static final int RECORD_LENGTH = 55;
    public static final int MAX_RECORDS = 24;
    public static final long TEMPLATE_EVERY_MILLIS = 10_000;

    private static final int HEADER_LENGTH = 16;
    private static final int SET_HEADER_LENGTH = 4;
    /** (IANA element id, length) of each template field, in record order. */
    private static final int[] FIELDS = {
        8, 4, 12, 4, 7, 2, 11, 2, 4, 1, 6, 2, 2, 8, 1, 8, 152, 8, 153, 8, 10, 4, 14, 4,
    };
    private static final int TEMPLATE_SET_LENGTH = SET_HEADER_LENGTH + 4 + FIELDS.length * 2;

    private final long domain;
    private final PacketWriter writer = new PacketWriter(HEADER_LENGTH + TEMPLATE_SET_LENGTH
            + SET_HEADER_LENGTH + MAX_RECORDS * RECORD_LENGTH);
    private long sequence;
    private long templateSentMillis = Long.MIN_VALUE;

    /** @param domain the observation domain id written in every message */
    public DemoMessages(long domain) {
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
        PacketWriter w = writer.reset().ipfixHeader(domain, nowMillis / 1000, sequence);
        if (nowMillis - templateSentMillis >= TEMPLATE_EVERY_MILLIS || templateSentMillis == Long.MIN_VALUE) {
            w.set(2).template(TEMPLATE_ID, FIELDS).endSet();
            templateSentMillis = nowMillis;
        }
        if (n > 0) {
            w.set(TEMPLATE_ID);
            for (int i = from; i < from + n; i++) {
                DemoFlow f = flows.get(i);
                w.u32(f.src()).u32(f.dst()).u16(f.srcPort()).u16(f.dstPort()).u8(f.protocol()).u16(f.tcpFlags())
                        .u64(f.packets()).u64(f.bytes()).u64(f.startMillis()).u64(f.endMillis()).u32(1).u32(2);
            }
            w.endSet();
        }
        sequence += n;
        return w.endIpfix().buffer();
    }

    /** A message of the demo's exporter and its export time. */
    public record Timed(long exportMillis, byte[] payload) { }

    /**
     * The messages of {@code scenario} from {@code from} to {@code to} (epoch ms), one second of flows at a time at
     * {@code eventsPerSecond}, each second's exported at its end (tests and tools that record the demo).
     */
    public List<Timed> record(DemoScenario scenario, long from, long to, double eventsPerSecond) {
        List<Timed> out = new ArrayList<>();
        List<DemoFlow> flows = new ArrayList<>();
        for (long t = from; t < to; t += 1_000) {
            flows.clear();
            scenario.flows(t, t + 1_000, eventsPerSecond, flows);
            for (int i = 0; i < flows.size(); i += MAX_RECORDS) {
                ByteBuffer m = message(flows, i, t + 1_000);
                byte[] b = new byte[m.remaining()];
                m.get(b);
                out.add(new Timed(t + 1_000, b));
            }
        }
        return out;
    }

    /** Number of data records written so far (the next message's sequence number). */
    public long sequence() {
        return sequence;
    }
}
