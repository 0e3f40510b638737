package io.stream4flow.cluster;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.stream4flow.schema.FlowKeys;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.schema.avro.FlowAvroSchema;
import io.stream4flow.schema.avro.FlowBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The flows view ({@link FlowsView}) over Avro flow records, the collector's {@code ?format=avro}: a block of
 * records of {@link FlowAvroSchema} per Kafka message ({@link FlowBlock}), read by spark-avro's {@code from_avro}
 * and exploded into one row per record. The same
 * columns and the same rows as the JSON view for the same flows: the Avro columns hold the raw values the JSON
 * view takes (the first source present), so only the view's own rules are applied here (time fallbacks, sampling,
 * ICMP type-code, DNS flags); addresses become the collector's text form (dotted IPv4, RFC 5952 IPv6).
 *
 * <p>Bad input: a message that is not such a block (JSON, say) gives one row of nulls with packets and bytes 0 and
 * sampling 1, as in the JSON view; nothing throws ({@code from_avro} in PERMISSIVE mode).
 */
public final class FlowsAvroView {

    /** Address bytes (4 or 16) to the collector's text; anything else as {@code 0x} hex, null as null. */
    private static final UserDefinedFunction ADDRESS_TEXT = udf(new AddressText(), DataTypes.StringType);

    private FlowsAvroView() {
    }

    /** The flows view over a Dataset (batch or streaming) whose column {@code value} holds blocks of Avro flow records. */
    public static Dataset<Row> fromAvro(Dataset<Row> withValueColumn, FlowsView.Fields fields) {
        Column block = functions.from_avro(col("value"), FlowBlock.json(), Map.of("mode", "PERMISSIVE"));
        Dataset<Row> parsed = withValueColumn.select(explode_outer(block).as("r"));

        Column sampling = coalesce(r("sampling"), lit(1L));
        Column scale = when(sampling.gt(1L), sampling).otherwise(lit(1L));
        Column srcIp = r("src_ip");
        Column typeCode = r("icmp_type_code");
        List<Column> out = new ArrayList<>(List.of(
                ADDRESS_TEXT.apply(r("exporter")).as("exporter"),
                r("odid").as("odid"),
                coalesce(r("flow_start"), r("flow_end"), r("export_time")).as("flow_start"),
                coalesce(r("flow_end"), r("flow_start"), r("export_time")).as("flow_end"),
                coalesce(r("ip_version"),
                        when(length(srcIp).equalTo(4), lit(4)).when(length(srcIp).equalTo(16), lit(6))).as("ip_version"),
                ADDRESS_TEXT.apply(srcIp).as("src_ip"),
                ADDRESS_TEXT.apply(r("dst_ip")).as("dst_ip"),
                r("src_port").as("src_port"),
                r("dst_port").as("dst_port"),
                r("protocol").as("protocol"),
                r("tcp_flags").as("tcp_flags"),
                coalesce(r("packets"), lit(0L)).multiply(scale).as("packets"),
                coalesce(r("bytes"), lit(0L)).multiply(scale).as("bytes"),
                sampling.as("sampling"),
                r("in_if").as("in_if"),
                r("out_if").as("out_if"),
                r("src_as").as("src_as"),
                r("dst_as").as("dst_as"),
                r("vlan").as("vlan"),
                r("tos").as("tos"),
                coalesce(r("icmp_type"), typeCode.divide(256).cast("int")).as("icmp_type"),
                coalesce(r("icmp_code"), typeCode.mod(256)).as("icmp_code"),
                r("dns_name").as("dns_name"),
                r("dns_qtype").as("dns_qtype"),
                coalesce(r("dns_flags_codes").bitwiseAND(0xF), r("dns_rcode")).as("dns_rcode"),
                r("http_host").as("http_host"),
                r("tls_cipher_suites").as("tls_cipher_suites")));
        if (fields == FlowsView.Fields.INCLUDED) {
            out.add(fields().as("fields"));
        }
        return parsed.select(out.toArray(Column[]::new));
    }

    /**
     * The JSON view's {@code fields}: every member that is no view column's source, values as the JSON view has
     * them (strings unquoted, anything else as JSON text). The header members that Avro types but the view does
     * not take as columns come back as text; those the view takes ({@code exporterAddress}, {@code odid},
     * {@code exportTime}) do not.
     */
    private static Column fields() {
        Object[] known = FlowsView.COLUMN_KEYS.toArray();
        Column members = map_filter(transform_values(r("fields"),
                        (k, v) -> get_json_object(concat(lit("{\"v\":"), v, lit("}")), "$.v")),
                (k, v) -> not(k.isin(known)));
        Column header = map(lit(FlowKeys.EXPORTER_PORT), r("exporter_port").cast("string"),
                lit(FlowKeys.TEMPLATE_ID), r("template_id").cast("string"),
                lit(FlowKeys.SEQ_NUMBER), r("seq_number").cast("string"),
                lit(FlowKeys.VERSION), r("version").cast("string"));
        return when(col("r").isNull(), lit(null)).otherwise(map_concat(header, members));
    }

    private static Column r(String field) {
        return col("r").getField(field);
    }

    /** The UDF of {@link #ADDRESS_TEXT}: one reused buffer per executor thread. */
    private static final class AddressText implements UDF1<byte[], String> {
        private static final long serialVersionUID = 1L;
        private static final ThreadLocal<JsonBuffer> BUFFER = ThreadLocal.withInitial(() -> new JsonBuffer(64));

        @Override
        public String call(byte[] b) {
            return b == null ? null : BUFFER.get().addressText(b);
        }
    }
}
