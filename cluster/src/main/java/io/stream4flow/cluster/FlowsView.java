package io.stream4flow.cluster;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.when;

import io.stream4flow.schema.RecordFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The flows view: from the flow JSON of topic {@code flows} (one IPFIXcol2-style object per message, see
 * ARCHITECTURE.md) to the canonical table every analysis reads.
 *
 * <p>Columns, in this order: {@code exporter} (string), {@code odid} (long), {@code flow_start}, {@code flow_end}
 * (timestamp), {@code ip_version} (int, 4 or 6), {@code src_ip}, {@code dst_ip} (string, dotted IPv4 or RFC 5952
 * IPv6 in the same columns), {@code src_port}, {@code dst_port}, {@code protocol}, {@code tcp_flags} (int),
 * {@code packets}, {@code bytes} (long, already multiplied by the sampling interval when it is &gt; 1),
 * {@code sampling} (long, 1 when none announced), {@code in_if}, {@code out_if}, {@code src_as}, {@code dst_as}
 * (long), {@code vlan}, {@code tos}, {@code icmp_type}, {@code icmp_code}, {@code dns_qtype}, {@code dns_rcode}
 * (int), {@code dns_name}, {@code http_host}, {@code tls_cipher_suites} (string, the collector's "0x..." for the
 * cipher suites), and, with {@link Fields#INCLUDED}, {@code fields} (map&lt;string,string&gt; of every element not
 * in a column above, values as their JSON text; numbers as digits, strings unquoted).
 *
 * <p>Fallbacks: {@code flow_start} is the first of flowStart{Milli,Seconds,Micro,Nano}seconds (all epoch ms on the
 * wire), else the flow end, else the export time; {@code flow_end} likewise falls back to the flow start. Counters
 * are the delta counts, else the total counts; a missing counter is 0. The sampling interval is
 * {@code samplingPacketInterval}, else {@code samplingInterval}, else {@code samplerRandomInterval}. ICMP type and
 * code come from {@code icmpType/CodeIPv4/6} or the combined {@code icmpTypeCodeIPv4/6} (type * 256 + code).
 * DNS, HTTP and TLS columns take the enterprise elements of Flowmon, CESNET, CERT and MUNI (and IANA's
 * {@code httpRequestHost}); {@code dns_rcode} is the low 4 bits of Flowmon's {@code dnsFlagsCodes}.
 *
 * <p>Bad input: a message that is not a JSON object gives a row of nulls (flow_start null), which windowed
 * analyses drop; a value of the wrong JSON type gives a null in its column. Nothing throws.
 *
 * <p>Cost: the JSON is parsed once into a struct of the known keys (unknown keys are skipped by the parser).
 * The {@code fields} map needs a second parse into a map and a filter, which roughly doubles the parse cost
 * (measured in {@code FlowsViewParseBenchmark}); so it is built only when asked for ({@link Fields#INCLUDED}),
 * and the built-in jobs do not ask.
 */
public final class FlowsView {

    /** Whether {@link #fromJson(Dataset, Fields)} builds the {@code fields} column. */
    public enum Fields { INCLUDED, OMITTED }

    private static final Map<String, DataType> KNOWN = new LinkedHashMap<>();

    static {
        DataType str = DataTypes.StringType;
        DataType lng = DataTypes.LongType;
        DataType integer = DataTypes.IntegerType;
        KNOWN.put("ipfix:exporterAddress", str);
        KNOWN.put("ipfix:odid", lng);
        KNOWN.put("ipfix:exportTime", lng);
        KNOWN.put("iana:ipVersion", integer);
        for (String dir : List.of("source", "destination")) {
            KNOWN.put("iana:" + dir + "IPv4Address", str);
            KNOWN.put("iana:" + dir + "IPv6Address", str);
            KNOWN.put("iana:" + dir + "TransportPort", integer);
        }
        KNOWN.put("iana:protocolIdentifier", integer);
        KNOWN.put("iana:tcpControlBits", integer);
        for (String c : List.of("packetDeltaCount", "octetDeltaCount", "packetTotalCount", "octetTotalCount")) {
            KNOWN.put("iana:" + c, lng);
        }
        for (String edge : List.of("Start", "End")) {
            for (String unit : List.of("Milliseconds", "Seconds", "Microseconds", "Nanoseconds")) {
                KNOWN.put("iana:flow" + edge + unit, lng);
            }
        }
        for (String s : List.of("samplingPacketInterval", "samplingInterval", "samplerRandomInterval")) {
            KNOWN.put("iana:" + s, lng);
        }
        KNOWN.put("iana:ingressInterface", lng);
        KNOWN.put("iana:egressInterface", lng);
        KNOWN.put("iana:bgpSourceAsNumber", lng);
        KNOWN.put("iana:bgpDestinationAsNumber", lng);
        KNOWN.put("iana:vlanId", integer);
        KNOWN.put("iana:ipClassOfService", integer);
        for (String v : List.of("IPv4", "IPv6")) {
            KNOWN.put("iana:icmpTypeCode" + v, integer);
            KNOWN.put("iana:icmpType" + v, integer);
            KNOWN.put("iana:icmpCode" + v, integer);
        }
        KNOWN.put("flowmon:dnsQname", str);
        KNOWN.put("cesnet:DNSName", str);
        KNOWN.put("cert:dnsQName", str);
        KNOWN.put("flowmon:dnsQtype", integer);
        KNOWN.put("cesnet:DNSQType", integer);
        KNOWN.put("flowmon:dnsFlagsCodes", integer);
        KNOWN.put("cesnet:DNSRCode", integer);
        KNOWN.put("flowmon:httpHost", str);
        KNOWN.put("iana:httpRequestHost", str);
        KNOWN.put("muni:HTTPRequestHost", str);
        KNOWN.put("cert:httpHost", str);
        KNOWN.put("flowmon:tlsCipherSuites", str);
    }

    /** The explicit schema the flow JSON is parsed with: the known keys only, as they appear on the wire. */
    public static final StructType JSON_SCHEMA = schemaOf(KNOWN);

    /** Keys that land in a column (and so not in {@code fields}), plus the record type marker. */
    public static final Set<String> COLUMN_KEYS;

    static {
        var keys = new java.util.HashSet<>(KNOWN.keySet());
        keys.add("@type");
        COLUMN_KEYS = Set.copyOf(keys);
    }

    private static final MapType FIELDS_TYPE = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

    private FlowsView() {
    }

    /** {@link #fromJson(Dataset, Fields)} with {@link Fields#INCLUDED}: the whole view of ARCHITECTURE.md. */
    public static Dataset<Row> fromJson(Dataset<Row> withValueColumn) {
        return fromJson(withValueColumn, Fields.INCLUDED);
    }

    /**
     * The flows view over a Dataset (batch or streaming) with a column {@code value} holding the flow JSON, as
     * binary (Kafka's value) or string. Other input columns are dropped. Pure: no I/O, usable in tests without
     * Kafka.
     */
    public static Dataset<Row> fromJson(Dataset<Row> withValueColumn, Fields fields) {
        Column json = col("value").cast(DataTypes.StringType);
        List<Column> projected = new ArrayList<>();
        projected.add(from_json(json, JSON_SCHEMA).as("j"));
        if (fields == Fields.INCLUDED) {
            projected.add(from_json(json, FIELDS_TYPE).as("all"));
        }
        Dataset<Row> parsed = withValueColumn.select(projected.toArray(Column[]::new));

        Column startMs = coalesce(j("iana:flowStartMilliseconds"), j("iana:flowStartSeconds"),
                j("iana:flowStartMicroseconds"), j("iana:flowStartNanoseconds"));
        Column endMs = coalesce(j("iana:flowEndMilliseconds"), j("iana:flowEndSeconds"),
                j("iana:flowEndMicroseconds"), j("iana:flowEndNanoseconds"));
        Column sampling = coalesce(j("iana:samplingPacketInterval"), j("iana:samplingInterval"),
                j("iana:samplerRandomInterval"), lit(1L));
        Column scale = when(sampling.gt(1L), sampling).otherwise(lit(1L));
        Column src4 = j("iana:sourceIPv4Address");
        Column src6 = j("iana:sourceIPv6Address");
        Column typeCode = coalesce(j("iana:icmpTypeCodeIPv4"), j("iana:icmpTypeCodeIPv6"));

        List<Column> out = new ArrayList<>(List.of(
                j("ipfix:exporterAddress").as("exporter"),
                j("ipfix:odid").as("odid"),
                timestamp_millis(coalesce(startMs, endMs, j("ipfix:exportTime"))).as("flow_start"),
                timestamp_millis(coalesce(endMs, startMs, j("ipfix:exportTime"))).as("flow_end"),
                coalesce(j("iana:ipVersion"), when(src4.isNotNull(), lit(4)).when(src6.isNotNull(), lit(6)))
                        .as("ip_version"),
                coalesce(src4, src6).as("src_ip"),
                coalesce(j("iana:destinationIPv4Address"), j("iana:destinationIPv6Address")).as("dst_ip"),
                j("iana:sourceTransportPort").as("src_port"),
                j("iana:destinationTransportPort").as("dst_port"),
                j("iana:protocolIdentifier").as("protocol"),
                j("iana:tcpControlBits").as("tcp_flags"),
                coalesce(j("iana:packetDeltaCount"), j("iana:packetTotalCount"), lit(0L)).multiply(scale)
                        .as("packets"),
                coalesce(j("iana:octetDeltaCount"), j("iana:octetTotalCount"), lit(0L)).multiply(scale)
                        .as("bytes"),
                sampling.as("sampling"),
                j("iana:ingressInterface").as("in_if"),
                j("iana:egressInterface").as("out_if"),
                j("iana:bgpSourceAsNumber").as("src_as"),
                j("iana:bgpDestinationAsNumber").as("dst_as"),
                j("iana:vlanId").as("vlan"),
                j("iana:ipClassOfService").as("tos"),
                coalesce(j("iana:icmpTypeIPv4"), j("iana:icmpTypeIPv6"), typeCode.divide(256).cast("int"))
                        .as("icmp_type"),
                coalesce(j("iana:icmpCodeIPv4"), j("iana:icmpCodeIPv6"), typeCode.mod(256)).as("icmp_code"),
                coalesce(j("flowmon:dnsQname"), j("cesnet:DNSName"), j("cert:dnsQName")).as("dns_name"),
                coalesce(j("flowmon:dnsQtype"), j("cesnet:DNSQType")).as("dns_qtype"),
                coalesce(j("flowmon:dnsFlagsCodes").bitwiseAND(0xF), j("cesnet:DNSRCode")).as("dns_rcode"),
                coalesce(j("flowmon:httpHost"), j("iana:httpRequestHost"), j("muni:HTTPRequestHost"),
                        j("cert:httpHost")).as("http_host"),
                j("flowmon:tlsCipherSuites").as("tls_cipher_suites")));
        if (fields == Fields.INCLUDED) {
            Object[] known = COLUMN_KEYS.toArray();
            out.add(map_filter(col("all"), (k, v) -> not(k.isin(known))).as("fields"));
        }
        return parsed.select(out.toArray(Column[]::new));
    }

    /**
     * The flows view without {@code fields}, the same rows as {@link #fromJson(Dataset, Fields)} with
     * {@link Fields#OMITTED}, built by the hand-written {@link FlowJsonScanner} ({@link FlowViewRows}) instead of
     * {@code from_json}: one pass over each value's bytes. Column {@code value} binary or string; other input
     * columns are dropped. Batch or streaming.
     */
    public static Dataset<Row> scan(Dataset<Row> withValueColumn) {
        return withValueColumn.select(col("value").cast(DataTypes.BinaryType))
                .as(Encoders.BINARY())
                .mapPartitions(new FlowViewRows(), Encoders.row(FlowViewRows.SCHEMA));
    }

    /**
     * The view over {@code value}s of either encoding: Avro records through {@link FlowsAvroView}; flow JSON through
     * the scanner when {@code fields} is not needed (faster), else {@code from_json}.
     */
    public static Dataset<Row> of(Dataset<Row> withValueColumn, RecordFormat format, Fields fields) {
        if (format == RecordFormat.AVRO) {
            return FlowsAvroView.fromAvro(withValueColumn, fields);
        }
        return fields == Fields.OMITTED ? scan(withValueColumn) : fromJson(withValueColumn, fields);
    }

    private static Column j(String key) {
        return col("j").getField(key);
    }

    private static StructType schemaOf(Map<String, DataType> keys) {
        List<StructField> fields = new ArrayList<>();
        keys.forEach((name, type) -> fields.add(DataTypes.createStructField(name, type, true)));
        return DataTypes.createStructType(fields);
    }
}
