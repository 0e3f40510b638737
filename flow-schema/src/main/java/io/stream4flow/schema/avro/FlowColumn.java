package io.stream4flow.schema.avro;

import io.stream4flow.schema.FlowKeys;
import io.stream4flow.schema.FlowViewColumns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed columns of the Avro flow record ({@link FlowAvroSchema}), in schema order, each with the
 * flow JSON members that fill it, in order of preference.
 *
 * <p>The first seven ({@link #header()}) come from the message header and are always set. The others
 * are nullable: the column holds the value of the first of its {@link #sources()} that the record
 * has with a value of the column's {@link Kind} (a repeated element, whose JSON value is an array, or
 * a value of another kind, such as an address of the wrong length written as hex, does not count);
 * which source it was is recorded in the record's {@code sources} field ({@link #sourceShift()}), and
 * every member not taken by a column is kept in the {@code fields} map. So the columns hold raw values:
 * counters are not multiplied by the sampling interval, ICMP type and code are not derived from the
 * combined element, the DNS response code is not derived from Flowmon's flags.
 */
public enum FlowColumn {
    EXPORTER("exporter", Kind.ADDRESS, FlowKeys.EXPORTER_ADDRESS),
    EXPORTER_PORT("exporter_port", Kind.INT, FlowKeys.EXPORTER_PORT),
    ODID("odid", Kind.LONG, FlowKeys.ODID),
    TEMPLATE_ID("template_id", Kind.INT, FlowKeys.TEMPLATE_ID),
    EXPORT_TIME("export_time", Kind.TIMESTAMP, FlowKeys.EXPORT_TIME),
    SEQ_NUMBER("seq_number", Kind.LONG, FlowKeys.SEQ_NUMBER),
    VERSION("version", Kind.INT, FlowKeys.VERSION),

    FLOW_START("flow_start", Kind.TIMESTAMP, FlowKeys.FLOW_START_MILLISECONDS, "iana:flowStartSeconds",
            "iana:flowStartMicroseconds", "iana:flowStartNanoseconds"),
    FLOW_END("flow_end", Kind.TIMESTAMP, FlowKeys.FLOW_END_MILLISECONDS, "iana:flowEndSeconds",
            "iana:flowEndMicroseconds", "iana:flowEndNanoseconds"),
    IP_VERSION("ip_version", Kind.INT, FlowViewColumns.IP_VERSION_KEY),
    SRC_IP("src_ip", Kind.ADDRESS, "iana:sourceIPv4Address", "iana:sourceIPv6Address"),
    DST_IP("dst_ip", Kind.ADDRESS, "iana:destinationIPv4Address", "iana:destinationIPv6Address"),
    SRC_PORT("src_port", Kind.INT, "iana:sourceTransportPort"),
    DST_PORT("dst_port", Kind.INT, "iana:destinationTransportPort"),
    PROTOCOL("protocol", Kind.INT, "iana:protocolIdentifier"),
    TCP_FLAGS("tcp_flags", Kind.INT, "iana:tcpControlBits"),
    PACKETS("packets", Kind.LONG, "iana:packetDeltaCount", "iana:packetTotalCount"),
    BYTES("bytes", Kind.LONG, "iana:octetDeltaCount", "iana:octetTotalCount"),
    SAMPLING("sampling", Kind.LONG, "iana:samplingPacketInterval", "iana:samplingInterval",
            "iana:samplerRandomInterval"),
    IN_IF("in_if", Kind.LONG, "iana:ingressInterface"),
    OUT_IF("out_if", Kind.LONG, "iana:egressInterface"),
    SRC_AS("src_as", Kind.LONG, "iana:bgpSourceAsNumber"),
    DST_AS("dst_as", Kind.LONG, "iana:bgpDestinationAsNumber"),
    VLAN("vlan", Kind.INT, "iana:vlanId"),
    TOS("tos", Kind.INT, "iana:ipClassOfService"),
    ICMP_TYPE("icmp_type", Kind.INT, "iana:icmpTypeIPv4", "iana:icmpTypeIPv6"),
    ICMP_CODE("icmp_code", Kind.INT, "iana:icmpCodeIPv4", "iana:icmpCodeIPv6"),
    ICMP_TYPE_CODE("icmp_type_code", Kind.INT, "iana:icmpTypeCodeIPv4", "iana:icmpTypeCodeIPv6"),
    DNS_NAME("dns_name", Kind.STRING, "flowmon:dnsQname", "cesnet:DNSName", "cert:dnsQName"),
    DNS_QTYPE("dns_qtype", Kind.INT, "flowmon:dnsQtype", "cesnet:DNSQType"),
    DNS_RCODE("dns_rcode", Kind.INT, "cesnet:DNSRCode"),
    DNS_FLAGS_CODES("dns_flags_codes", Kind.INT, "flowmon:dnsFlagsCodes"),
    HTTP_HOST("http_host", Kind.STRING, "flowmon:httpHost", "iana:httpRequestHost", "muni:HTTPRequestHost",
            "cert:httpHost"),
    TLS_CIPHER_SUITES("tls_cipher_suites", Kind.STRING, "flowmon:tlsCipherSuites");

    /** What a column holds, and which JSON values can fill it. */
    public enum Kind {
        /** Avro bytes, 4 or 16: a JSON string of an IPv4 or IPv6 address element sent in 4 or 16 bytes. */
        ADDRESS,
        /** Avro int: a JSON integer within int range. */
        INT,
        /** Avro long: a JSON integer within long range. */
        LONG,
        /** Avro long with logical type timestamp-millis: a JSON integer, epoch ms. */
        TIMESTAMP,
        /** Avro string: the text of a JSON string that needs no escapes. */
        STRING
    }

    /** Avro field name of the bit set that tells which source filled each nullable column. */
    public static final String SOURCES = "sources";
    /** Avro field name of the map of all members not in a column. */
    public static final String FIELDS = "fields";
    /** Bits per column in {@link #SOURCES}. */
    public static final int SOURCE_BITS = 2;

    private static final FlowColumn[] ALL = values();
    private static final int HEADER_COLUMNS = 7;
    private static final Map<String, Integer> BY_SOURCE = new HashMap<>();

    static {
        for (FlowColumn c : ALL) {
            if (c.sources.size() > (1 << SOURCE_BITS)) {
                throw new IllegalStateException(c + ": more sources than " + SOURCE_BITS + " bits tell");
            }
            for (int i = 0; i < c.sources.size(); i++) {
                if (BY_SOURCE.put(c.sources.get(i), c.ordinal() << SOURCE_BITS | i) != null) {
                    throw new IllegalStateException(c.sources.get(i) + " feeds two columns");
                }
            }
        }
    }

    private final String avroName;
    private final Kind kind;
    private final List<String> sources;

    FlowColumn(String avroName, Kind kind, String... sources) {
        this.avroName = avroName;
        this.kind = kind;
        this.sources = List.of(sources);
    }

    /** The Avro field name. */
    public String avroName() {
        return avroName;
    }

    public Kind kind() {
        return kind;
    }

    /** The flow JSON keys that fill the column, most preferred first. */
    public List<String> sources() {
        return sources;
    }

    /** True for the header columns: never null, one source each, not in {@link #SOURCES}. */
    public boolean header() {
        return ordinal() < HEADER_COLUMNS;
    }

    /** Position of this nullable column's source index in {@link #SOURCES}; -1 for a header column. */
    public int sourceShift() {
        return header() ? -1 : (ordinal() - HEADER_COLUMNS) * SOURCE_BITS;
    }

    /** The columns in schema order. */
    public static FlowColumn of(int ordinal) {
        return ALL[ordinal];
    }

    public static int count() {
        return ALL.length;
    }

    /**
     * The column a JSON key feeds and its place among the column's sources, packed as
     * {@code ordinal << SOURCE_BITS | sourceIndex}; -1 for a key that feeds no column. Header keys
     * are included.
     */
    public static int slot(String jsonKey) {
        Integer s = BY_SOURCE.get(jsonKey);
        return s == null ? -1 : s;
    }
}
