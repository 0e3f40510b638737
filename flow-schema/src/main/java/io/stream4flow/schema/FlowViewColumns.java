package io.stream4flow.schema;

import io.stream4flow.schema.avro.FlowColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the flows view (ARCHITECTURE.md, "The flows view"), in view order, with the flow JSON
 * members that feed each in order of preference: the first one a record has gives the value. Taken from
 * the cluster's {@code FlowViewRows} (which does not read this table yet); {@link #rule()} says what is
 * done beyond taking the first source. Types are Spark SQL type names. Where a view column has the
 * sources of an Avro column ({@link FlowColumn}), they are that column's.
 */
public final class FlowViewColumns {
    private FlowViewColumns() { }

    /** The one view source that fills no Avro column: {@code ip_version} (in the Avro record's {@code fields}). */
    public static final String IP_VERSION_KEY = "iana:ipVersion";

    /** One view column. */
    public record Column(String name, String type, List<String> sources, String rule) { }

    public static final List<Column> ALL = List.of(
            c("exporter", "string", "", FlowColumn.EXPORTER),
            c("odid", "long", "", FlowColumn.ODID),
            c("flow_start", "timestamp", "the first flow start member, else the flow end, else the export time "
                    + "(epoch ms on the wire)", FlowColumn.FLOW_START, FlowColumn.EXPORT_TIME),
            c("flow_end", "timestamp", "the first flow end member, else the flow start, else the export time",
                    FlowColumn.FLOW_END, FlowColumn.EXPORT_TIME),
            c("ip_version", "int", "else 4 when a source IPv4 address is present, 6 for IPv6",
                    List.of(IP_VERSION_KEY)),
            c("src_ip", "string", "", FlowColumn.SRC_IP),
            c("dst_ip", "string", "", FlowColumn.DST_IP),
            c("src_port", "int", "", FlowColumn.SRC_PORT),
            c("dst_port", "int", "", FlowColumn.DST_PORT),
            c("protocol", "int", "", FlowColumn.PROTOCOL),
            c("tcp_flags", "int", "", FlowColumn.TCP_FLAGS),
            c("packets", "long", "0 when absent; multiplied by sampling when it is > 1", FlowColumn.PACKETS),
            c("bytes", "long", "0 when absent; multiplied by sampling when it is > 1", FlowColumn.BYTES),
            c("sampling", "long", "1 when absent", FlowColumn.SAMPLING),
            c("in_if", "long", "", FlowColumn.IN_IF),
            c("out_if", "long", "", FlowColumn.OUT_IF),
            c("src_as", "long", "", FlowColumn.SRC_AS),
            c("dst_as", "long", "", FlowColumn.DST_AS),
            c("vlan", "int", "", FlowColumn.VLAN),
            c("tos", "int", "", FlowColumn.TOS),
            c("icmp_type", "int", "from the combined type-code elements: divided by 256",
                    FlowColumn.ICMP_TYPE, FlowColumn.ICMP_TYPE_CODE),
            c("icmp_code", "int", "from the combined type-code elements: modulo 256",
                    FlowColumn.ICMP_CODE, FlowColumn.ICMP_TYPE_CODE),
            c("dns_name", "string", "", FlowColumn.DNS_NAME),
            c("dns_qtype", "int", "", FlowColumn.DNS_QTYPE),
            c("dns_rcode", "int", "flowmon:dnsFlagsCodes bitwise-and 0xF", FlowColumn.DNS_FLAGS_CODES,
                    FlowColumn.DNS_RCODE),
            c("http_host", "string", "", FlowColumn.HTTP_HOST),
            c("tls_cipher_suites", "string", "the collector's \"0x...\" text", FlowColumn.TLS_CIPHER_SUITES),
            c("fields", "map<string,string>", "every member not a source above nor @type, values as JSON text",
                    List.of()));

    private static Column c(String name, String type, String rule, List<String> sources) {
        return new Column(name, type, sources, rule);
    }

    /** A view column fed by the sources of Avro columns, in the order given. */
    private static Column c(String name, String type, String rule, FlowColumn... columns) {
        List<String> sources = new ArrayList<>();
        for (FlowColumn col : columns) {
            sources.addAll(col.sources());
        }
        return new Column(name, type, List.copyOf(sources), rule);
    }
}
