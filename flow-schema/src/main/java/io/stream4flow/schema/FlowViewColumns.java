package io.stream4flow.schema;

import java.util.List;

/**
 * The columns of the flows view (ARCHITECTURE.md, "The flows view"), in view order, with the flow JSON
 * members that feed each in order of preference: the first one a record has gives the value. Taken from
 * the cluster's {@code FlowViewRows} (which does not read this table yet); {@link #rule()} says what is
 * done beyond taking the first source. Types are Spark SQL type names.
 */
public final class FlowViewColumns {
    private FlowViewColumns() { }

    /** One view column. */
    public record Column(String name, String type, List<String> sources, String rule) { }

    public static final List<Column> ALL = List.of(
            c("exporter", "string", "", FlowKeys.EXPORTER_ADDRESS),
            c("odid", "long", "", FlowKeys.ODID),
            c("flow_start", "timestamp", "else the flow end, else the export time (epoch ms on the wire)",
                    FlowKeys.FLOW_START_MILLISECONDS, "iana:flowStartSeconds", "iana:flowStartMicroseconds",
                    "iana:flowStartNanoseconds"),
            c("flow_end", "timestamp", "else the flow start, else the export time",
                    FlowKeys.FLOW_END_MILLISECONDS, "iana:flowEndSeconds", "iana:flowEndMicroseconds",
                    "iana:flowEndNanoseconds"),
            c("ip_version", "int", "else 4 when a source IPv4 address is present, 6 for IPv6", "iana:ipVersion"),
            c("src_ip", "string", "", "iana:sourceIPv4Address", "iana:sourceIPv6Address"),
            c("dst_ip", "string", "", "iana:destinationIPv4Address", "iana:destinationIPv6Address"),
            c("src_port", "int", "", "iana:sourceTransportPort"),
            c("dst_port", "int", "", "iana:destinationTransportPort"),
            c("protocol", "int", "", "iana:protocolIdentifier"),
            c("tcp_flags", "int", "", "iana:tcpControlBits"),
            c("packets", "long", "0 when absent; multiplied by sampling when it is > 1",
                    "iana:packetDeltaCount", "iana:packetTotalCount"),
            c("bytes", "long", "0 when absent; multiplied by sampling when it is > 1",
                    "iana:octetDeltaCount", "iana:octetTotalCount"),
            c("sampling", "long", "1 when absent", "iana:samplingPacketInterval", "iana:samplingInterval",
                    "iana:samplerRandomInterval"),
            c("in_if", "long", "", "iana:ingressInterface"),
            c("out_if", "long", "", "iana:egressInterface"),
            c("src_as", "long", "", "iana:bgpSourceAsNumber"),
            c("dst_as", "long", "", "iana:bgpDestinationAsNumber"),
            c("vlan", "int", "", "iana:vlanId"),
            c("tos", "int", "", "iana:ipClassOfService"),
            c("icmp_type", "int", "else iana:icmpTypeCodeIPv4 / IPv6 divided by 256",
                    "iana:icmpTypeIPv4", "iana:icmpTypeIPv6"),
            c("icmp_code", "int", "else iana:icmpTypeCodeIPv4 / IPv6 modulo 256",
                    "iana:icmpCodeIPv4", "iana:icmpCodeIPv6"),
            c("dns_name", "string", "", "flowmon:dnsQname", "cesnet:DNSName", "cert:dnsQName"),
            c("dns_qtype", "int", "", "flowmon:dnsQtype", "cesnet:DNSQType"),
            c("dns_rcode", "int", "flowmon:dnsFlagsCodes bitwise-and 0xF, else cesnet:DNSRCode",
                    "flowmon:dnsFlagsCodes", "cesnet:DNSRCode"),
            c("http_host", "string", "", "flowmon:httpHost", "iana:httpRequestHost", "muni:HTTPRequestHost",
                    "cert:httpHost"),
            c("tls_cipher_suites", "string", "the collector's \"0x...\" text", "flowmon:tlsCipherSuites"),
            c("fields", "map<string,string>", "every member not a source above nor @type, values as JSON text"));

    private static Column c(String name, String type, String rule, String... sources) {
        return new Column(name, type, List.of(sources), rule);
    }
}
