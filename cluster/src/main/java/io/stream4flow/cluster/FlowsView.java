package io.stream4flow.cluster;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.when;

import io.stream4flow.schema.FlowViewColumns;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.avro.FlowColumn;
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
        for (FlowViewColumns.Column c : FlowViewColumns.ALL) {
            for (String key : c.sources()) {
                KNOWN.put(key, jsonType(c, key));
            }
        }
    }

    /**
     * The type a view column's source member is parsed with: that of the Avro column it fills (addresses and strings
     * as text, times as epoch ms), else that of the view column.
     */
    private static DataType jsonType(FlowViewColumns.Column view, String key) {
        int slot = FlowColumn.slot(key);
        if (slot < 0) {
            return switch (view.type()) {
                case "int" -> DataTypes.IntegerType;
                case "long" -> DataTypes.LongType;
                case "string" -> DataTypes.StringType;
                default -> throw new IllegalStateException(view.name() + ": no JSON type for " + view.type());
            };
        }
        return switch (FlowColumn.of(slot >> FlowColumn.SOURCE_BITS).kind()) {
            case ADDRESS, STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG, TIMESTAMP -> DataTypes.LongType;
        };
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

        Column startMs = first(FlowColumn.FLOW_START);
        Column endMs = first(FlowColumn.FLOW_END);
        Column exportTime = first(FlowColumn.EXPORT_TIME);
        Column sampling = coalesce(first(FlowColumn.SAMPLING), lit(1L));
        Column scale = when(sampling.gt(1L), sampling).otherwise(lit(1L));
        Column src4 = j(FlowColumn.SRC_IP.sources().get(0));     // IPv4, then IPv6
        Column src6 = j(FlowColumn.SRC_IP.sources().get(1));
        Column typeCode = first(FlowColumn.ICMP_TYPE_CODE);

        List<Column> out = new ArrayList<>(List.of(
                first(FlowColumn.EXPORTER).as("exporter"),
                first(FlowColumn.ODID).as("odid"),
                timestamp_millis(coalesce(startMs, endMs, exportTime)).as("flow_start"),
                timestamp_millis(coalesce(endMs, startMs, exportTime)).as("flow_end"),
                coalesce(j(FlowViewColumns.IP_VERSION_KEY), when(src4.isNotNull(), lit(4))
                        .when(src6.isNotNull(), lit(6))).as("ip_version"),
                coalesce(src4, src6).as("src_ip"),
                first(FlowColumn.DST_IP).as("dst_ip"),
                first(FlowColumn.SRC_PORT).as("src_port"),
                first(FlowColumn.DST_PORT).as("dst_port"),
                first(FlowColumn.PROTOCOL).as("protocol"),
                first(FlowColumn.TCP_FLAGS).as("tcp_flags"),
                coalesce(first(FlowColumn.PACKETS), lit(0L)).multiply(scale).as("packets"),
                coalesce(first(FlowColumn.BYTES), lit(0L)).multiply(scale).as("bytes"),
                sampling.as("sampling"),
                first(FlowColumn.IN_IF).as("in_if"),
                first(FlowColumn.OUT_IF).as("out_if"),
                first(FlowColumn.SRC_AS).as("src_as"),
                first(FlowColumn.DST_AS).as("dst_as"),
                first(FlowColumn.VLAN).as("vlan"),
                first(FlowColumn.TOS).as("tos"),
                coalesce(first(FlowColumn.ICMP_TYPE), typeCode.divide(256).cast("int")).as("icmp_type"),
                coalesce(first(FlowColumn.ICMP_CODE), typeCode.mod(256)).as("icmp_code"),
                first(FlowColumn.DNS_NAME).as("dns_name"),
                first(FlowColumn.DNS_QTYPE).as("dns_qtype"),
                coalesce(first(FlowColumn.DNS_FLAGS_CODES).bitwiseAND(0xF), first(FlowColumn.DNS_RCODE))
                        .as("dns_rcode"),
                first(FlowColumn.HTTP_HOST).as("http_host"),
                first(FlowColumn.TLS_CIPHER_SUITES).as("tls_cipher_suites")));
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

    /** The first of the column's sources that the record has. */
    private static Column first(FlowColumn c) {
        return coalesce(c.sources().stream().map(FlowsView::j).toArray(Column[]::new));
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
