package io.stream4flow.cluster;

import static io.stream4flow.cluster.FlowJsonScanner.index;

import io.stream4flow.schema.FlowViewColumns;
import io.stream4flow.schema.avro.FlowColumn;
import java.sql.Timestamp;
import java.util.Iterator;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark {@code mapPartitions} function from flow JSON bytes to rows of the flows view without {@code fields}
 * ({@link #SCHEMA}), through one {@link FlowJsonScanner} per partition. The column rules (fallbacks, sampling,
 * ICMP, DNS) are those of {@link FlowsView}'s {@code from_json} plan, written out in Java here; a record that is
 * not a JSON object gives the same row as there (nulls, packets and bytes 0, sampling 1). A time whose
 * microseconds overflow a long gives a null timestamp (the {@code from_json} plan fails the query instead).
 *
 * <p>Runs on executors; a new scanner per partition, so it is thread-safe.
 */
public final class FlowViewRows implements MapPartitionsFunction<byte[], Row> {

    private static final long serialVersionUID = 1L;

    /** The view's columns without {@code fields}, with the nullability of the {@code from_json} plan. */
    public static final StructType SCHEMA = new StructType()
            .add("exporter", DataTypes.StringType)
            .add("odid", DataTypes.LongType)
            .add("flow_start", DataTypes.TimestampType)
            .add("flow_end", DataTypes.TimestampType)
            .add("ip_version", DataTypes.IntegerType)
            .add("src_ip", DataTypes.StringType)
            .add("dst_ip", DataTypes.StringType)
            .add("src_port", DataTypes.IntegerType)
            .add("dst_port", DataTypes.IntegerType)
            .add("protocol", DataTypes.IntegerType)
            .add("tcp_flags", DataTypes.IntegerType)
            .add("packets", DataTypes.LongType, false)
            .add("bytes", DataTypes.LongType, false)
            .add("sampling", DataTypes.LongType, false)
            .add("in_if", DataTypes.LongType)
            .add("out_if", DataTypes.LongType)
            .add("src_as", DataTypes.LongType)
            .add("dst_as", DataTypes.LongType)
            .add("vlan", DataTypes.IntegerType)
            .add("tos", DataTypes.IntegerType)
            .add("icmp_type", DataTypes.IntegerType)
            .add("icmp_code", DataTypes.IntegerType)
            .add("dns_name", DataTypes.StringType)
            .add("dns_qtype", DataTypes.IntegerType)
            .add("dns_rcode", DataTypes.IntegerType)
            .add("http_host", DataTypes.StringType)
            .add("tls_cipher_suites", DataTypes.StringType);

    // the sources of each column, in order of preference, from the contract (flow-schema's FlowColumn)
    private static final int EXPORTER = single(FlowColumn.EXPORTER);
    private static final int ODID = single(FlowColumn.ODID);
    private static final int EXPORT_TIME = single(FlowColumn.EXPORT_TIME);
    private static final int IP_VERSION = index(FlowViewColumns.IP_VERSION_KEY);
    /** IPv4 first, then IPv6, as {@link FlowColumn#SRC_IP} lists them. */
    private static final int[] SRC = indices(FlowColumn.SRC_IP);
    private static final int[] DST = indices(FlowColumn.DST_IP);
    private static final int SRC_PORT = single(FlowColumn.SRC_PORT);
    private static final int DST_PORT = single(FlowColumn.DST_PORT);
    private static final int PROTOCOL = single(FlowColumn.PROTOCOL);
    private static final int TCP_FLAGS = single(FlowColumn.TCP_FLAGS);
    private static final int[] PACKETS = indices(FlowColumn.PACKETS);
    private static final int[] BYTES = indices(FlowColumn.BYTES);
    private static final int[] START = indices(FlowColumn.FLOW_START);
    private static final int[] END = indices(FlowColumn.FLOW_END);
    private static final int[] SAMPLING = indices(FlowColumn.SAMPLING);
    private static final int IN_IF = single(FlowColumn.IN_IF);
    private static final int OUT_IF = single(FlowColumn.OUT_IF);
    private static final int SRC_AS = single(FlowColumn.SRC_AS);
    private static final int DST_AS = single(FlowColumn.DST_AS);
    private static final int VLAN = single(FlowColumn.VLAN);
    private static final int TOS = single(FlowColumn.TOS);
    private static final int[] ICMP_TYPE = indices(FlowColumn.ICMP_TYPE);
    private static final int[] ICMP_CODE = indices(FlowColumn.ICMP_CODE);
    private static final int[] ICMP_TYPE_CODE = indices(FlowColumn.ICMP_TYPE_CODE);
    private static final int[] DNS_NAME = indices(FlowColumn.DNS_NAME);
    private static final int[] DNS_QTYPE = indices(FlowColumn.DNS_QTYPE);
    private static final int DNS_FLAGS = single(FlowColumn.DNS_FLAGS_CODES);
    private static final int DNS_RCODE = single(FlowColumn.DNS_RCODE);
    private static final int[] HTTP_HOST = indices(FlowColumn.HTTP_HOST);
    private static final int TLS = single(FlowColumn.TLS_CIPHER_SUITES);

    private static int[] indices(FlowColumn c) {
        return c.sources().stream().mapToInt(FlowJsonScanner::index).toArray();
    }

    private static int single(FlowColumn c) {
        if (c.sources().size() != 1) {
            throw new IllegalStateException(c + " has " + c.sources().size() + " sources");
        }
        return index(c.sources().get(0));
    }

    @Override
    public Iterator<Row> call(Iterator<byte[]> values) {
        FlowJsonScanner scanner = new FlowJsonScanner();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Row next() {
                byte[] v = values.next();
                scanner.parse(v, 0, v == null ? 0 : v.length);
                return row(scanner);
            }
        };
    }

    /** The view row of the record {@code s} last parsed. */
    public static Row row(FlowJsonScanner s) {
        int start = first(s, START);
        int end = first(s, END);
        int startOrEnd = start >= 0 ? start : end >= 0 ? end : s.has(EXPORT_TIME) ? EXPORT_TIME : -1;
        int endOrStart = end >= 0 ? end : start >= 0 ? start : s.has(EXPORT_TIME) ? EXPORT_TIME : -1;
        int sampling = first(s, SAMPLING);
        long interval = sampling >= 0 ? s.number(sampling) : 1L;
        long scale = interval > 1 ? interval : 1L;
        int packets = first(s, PACKETS);
        int bytes = first(s, BYTES);
        Integer ipVersion = s.has(IP_VERSION) ? Integer.valueOf((int) s.number(IP_VERSION))
                : s.has(SRC[0]) ? Integer.valueOf(4) : s.has(SRC[1]) ? Integer.valueOf(6) : null;
        int typeCode = first(s, ICMP_TYPE_CODE);
        int icmpType = first(s, ICMP_TYPE);
        int icmpCode = first(s, ICMP_CODE);
        Integer dnsRcode = s.has(DNS_FLAGS) ? Integer.valueOf((int) s.number(DNS_FLAGS) & 0xF) : integer(s, DNS_RCODE);
        return RowFactory.create(
                s.string(EXPORTER),
                longValue(s, ODID),
                timestamp(s, startOrEnd),
                timestamp(s, endOrStart),
                ipVersion,
                firstString(s, SRC),
                firstString(s, DST),
                integer(s, SRC_PORT),
                integer(s, DST_PORT),
                integer(s, PROTOCOL),
                integer(s, TCP_FLAGS),
                (packets >= 0 ? s.number(packets) : 0L) * scale,
                (bytes >= 0 ? s.number(bytes) : 0L) * scale,
                interval,
                longValue(s, IN_IF),
                longValue(s, OUT_IF),
                longValue(s, SRC_AS),
                longValue(s, DST_AS),
                integer(s, VLAN),
                integer(s, TOS),
                icmpType >= 0 ? Integer.valueOf((int) s.number(icmpType))
                        : typeCode >= 0 ? Integer.valueOf((int) (s.number(typeCode) / 256.0)) : null,
                icmpCode >= 0 ? Integer.valueOf((int) s.number(icmpCode))
                        : typeCode >= 0 ? Integer.valueOf((int) (s.number(typeCode) % 256)) : null,
                firstString(s, DNS_NAME),
                integer(s, first(s, DNS_QTYPE)),
                dnsRcode,
                firstString(s, HTTP_HOST),
                s.string(TLS));
    }

    private static int first(FlowJsonScanner s, int[] keys) {
        for (int k : keys) {
            if (s.has(k)) {
                return k;
            }
        }
        return -1;
    }

    private static String firstString(FlowJsonScanner s, int... keys) {
        int k = first(s, keys);
        return k < 0 ? null : s.string(k);
    }

    private static Integer integer(FlowJsonScanner s, int key) {
        return key >= 0 && s.has(key) ? Integer.valueOf((int) s.number(key)) : null;
    }

    private static Long longValue(FlowJsonScanner s, int key) {
        return s.has(key) ? Long.valueOf(s.number(key)) : null;
    }

    private static Timestamp timestamp(FlowJsonScanner s, int key) {
        if (key < 0) {
            return null;
        }
        long ms = s.number(key);
        if (ms > Long.MAX_VALUE / 1000 || ms < Long.MIN_VALUE / 1000) {
            return null;
        }
        return new Timestamp(ms);
    }
}
