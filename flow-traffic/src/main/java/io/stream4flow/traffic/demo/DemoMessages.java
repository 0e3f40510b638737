package io.stream4flow.traffic.demo;

import io.stream4flow.traffic.packet.PacketWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DemoFlow}s as IPFIX messages (RFC 7011) with four fixed templates, the way a flow probe that looks into
 * DNS, HTTP and TLS sends them: the plain template for most flows and, for a flow with {@link DemoFlow#app()}
 * elements, the template of its kind, which adds Flowmon's enterprise elements (PEN {@value #FLOWMON_PEN}) after
 * the plain fields, the texts and the cipher-suite list as variable-length fields (RFC 7011 &sect;7: one length
 * byte, the demo's values are shorter than 255). The template set comes in the first message and again every
 * {@link #TEMPLATE_EVERY_MILLIS} (UDP has no session, so collectors that start later learn it), then data sets of
 * up to {@link #MAX_RECORDS} records in the flows' order (a new set where the template changes), so a message stays
 * under {@value #MAX_MESSAGE_LENGTH} bytes. The bytes are written by the {@link PacketWriter}.
 *
 * <pre>
 * message header (16)  version=10 | length | export time (s) | sequence (records sent before) | domain
 * template set (4+52+76+60+60)  set id 2 | templates 256 (12 fields), 257 (15), 258 (13), 259 (13); a Flowmon
 *                          field is (0x8000 | id) | length (65535: variable) | PEN 39499
 * data set (4 + records)   set id 256..259 | records
 * plain record, template 256 (55 bytes): sourceIPv4Address 4 | destinationIPv4Address 4 | sourceTransportPort 2 |
 *   destinationTransportPort 2 | protocolIdentifier 1 | tcpControlBits 2 | packetDeltaCount 8 |
 *   octetDeltaCount 8 | flowStartMilliseconds 8 | flowEndMilliseconds 8 | ingressInterface 4 |
 *   egressInterface 4
 * DNS record, template 257: the plain 55 | flowmon:dnsQname (121) 1+n | flowmon:dnsQtype (122) 2 |
 *   flowmon:dnsFlagsCodes (111) 2
 * HTTP record, template 258: the plain 55 | flowmon:httpHost (1) 1+n
 * TLS record, template 259: the plain 55 | flowmon:tlsCipherSuites (341) 1+2k (k suites of 2 bytes)
 * </pre>
 *
 * <p>Not thread-safe: one instance per sending thread. Each call fills and returns a buffer the
 * caller sends before the next call.
 */
public final class DemoMessages {
    /** Template of the plain flows. */
    public static final int TEMPLATE_ID = 256;
    /** Templates of the flows with DNS, HTTP and TLS elements. */
    public static final int DNS_TEMPLATE_ID = 257;
    public static final int HTTP_TEMPLATE_ID = 258;
    public static final int TLS_TEMPLATE_ID = 259;
    /** Bytes of a plain record. */
    public static final int RECORD_LENGTH = 55;
    /** Records a message holds at most: ten of the longest (DNS, 100 bytes) fit with the templates. */
    public static final int MAX_RECORDS = 10;
    public static final int MAX_MESSAGE_LENGTH = 1_400;
    /** Flowmon's private enterprise number. */
    public static final int FLOWMON_PEN = 39499;
    public static final long TEMPLATE_EVERY_MILLIS = 10_000;

    private static final int HEADER_LENGTH = 16;
    private static final int SET_HEADER_LENGTH = 4;
    private static final int VARIABLE = 0xffff;
    private static final int ENTERPRISE = 0x8000;
    /** (IANA element id, length) of each field of the plain template, in record order. */
    private static final int[] FIELDS = {
        8, 4, 12, 4, 7, 2, 11, 2, 4, 1, 6, 2, 2, 8, 1, 8, 152, 8, 153, 8, 10, 4, 14, 4,
    };
    /** (Flowmon element id, length) of the fields the DNS template adds after the plain ones. */
    private static final int[] DNS_FIELDS = {121, VARIABLE, 122, 2, 111, 2};
    private static final int[] HTTP_FIELDS = {1, VARIABLE};
    private static final int[] TLS_FIELDS = {341, VARIABLE};
    /** Set header, four template headers, four times the plain fields, the Flowmon fields with their PEN. */
    private static final int MAX_TEMPLATE_SET_LENGTH = SET_HEADER_LENGTH + 4 * 4 + 4 * FIELDS.length * 2
            + (DNS_FIELDS.length + HTTP_FIELDS.length + TLS_FIELDS.length) / 2 * 8;
    /** The longest record: the DNS one with the longest name. */
    private static final int MAX_RECORD_LENGTH = RECORD_LENGTH + 1 + DemoFlow.MAX_TEXT_BYTES + 2 + 2;

    static {
        if (HEADER_LENGTH + MAX_TEMPLATE_SET_LENGTH + MAX_RECORDS * (SET_HEADER_LENGTH + MAX_RECORD_LENGTH)
                > MAX_MESSAGE_LENGTH) {
            throw new IllegalStateException("the longest message is over " + MAX_MESSAGE_LENGTH + " bytes");
        }
    }

    private final long domain;
    private final PacketWriter writer = new PacketWriter(MAX_MESSAGE_LENGTH);
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
            w.set(2).template(TEMPLATE_ID, FIELDS);
            template(w, DNS_TEMPLATE_ID, DNS_FIELDS);
            template(w, HTTP_TEMPLATE_ID, HTTP_FIELDS);
            template(w, TLS_TEMPLATE_ID, TLS_FIELDS);
            w.endSet();
            templateSentMillis = nowMillis;
        }
        int open = -1;
        for (int i = from; i < from + n; i++) {
            DemoFlow f = flows.get(i);
            int template = templateOf(f.app());
            if (template != open) {
                if (open >= 0) {
                    w.endSet();
                }
                w.set(template);
                open = template;
            }
            w.u32(f.src()).u32(f.dst()).u16(f.srcPort()).u16(f.dstPort()).u8(f.protocol()).u16(f.tcpFlags())
                    .u64(f.packets()).u64(f.bytes()).u64(f.startMillis()).u64(f.endMillis()).u32(1).u32(2);
            if (f.app() instanceof DemoFlow.Dns d) {
                w.varString(d.name()).u16(d.qtype()).u16(d.flagsCodes());
            } else if (f.app() instanceof DemoFlow.Http h) {
                w.varString(h.host());
            } else if (f.app() instanceof DemoFlow.Tls t) {
                w.u8(2 * t.count());
                for (int k = 0; k < t.count(); k++) {
                    w.u16(t.suite(k));
                }
            }
        }
        if (open >= 0) {
            w.endSet();
        }
        sequence += n;
        return w.endIpfix().buffer();
    }

    private static int templateOf(DemoFlow.App app) {
        if (app == null) {
            return TEMPLATE_ID;
        }
        return app instanceof DemoFlow.Dns ? DNS_TEMPLATE_ID : app instanceof DemoFlow.Http ? HTTP_TEMPLATE_ID
                : TLS_TEMPLATE_ID;
    }

    /** A template record: the plain fields, then Flowmon's (enterprise bit set, PEN after the length). */
    private static void template(PacketWriter w, int id, int[] flowmon) {
        w.u16(id).u16((FIELDS.length + flowmon.length) / 2);
        for (int i = 0; i < FIELDS.length; i += 2) {
            w.u16(FIELDS[i]).u16(FIELDS[i + 1]);
        }
        for (int i = 0; i < flowmon.length; i += 2) {
            w.u16(ENTERPRISE | flowmon[i]).u16(flowmon[i + 1]).u32(FLOWMON_PEN);
        }
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
