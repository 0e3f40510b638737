package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * {@code reflected_ddos}: a UDP service inside {@code local-net} (DNS, NTP, SNMP, CLDAP, SSDP, memcached, chargen,
 * QOTD: {@code ports}) used as a reflector: it answers one outside host with far more bytes than that host asked
 * for. The queries carry the victim's address as their (spoofed) source, so the reflector's answers flood the
 * victim. Per tumbling window and (reflector, victim, service port): the bytes of the answers (UDP from the
 * service port of the local host to the outside host) against the bytes of the queries (the other way). An alert is
 * due when the answers reach {@code min-bytes} and {@code min-amplification} times the queries (queries the exporter
 * did not see count as one byte, so an answer stream with no query is amplification by its size).
 *
 * <p>Ordinary answers are a few times their queries (a DNS answer is 2 to 5 times its query): far below the default
 * amplification of 10. Semantics as {@link PortscanJob}: update mode, re-emitted under the same {@code id}.
 *
 * <p>Alert: {@code @timestamp} (first answer), {@code type} {@code reflected_ddos}, {@code severity} ({@code high}
 * from 10 &times; min-bytes, else {@code medium}), {@code src_ip} (the reflector), {@code dst_ip} (the victim),
 * {@code window}, {@code flows}, {@code packets} and {@code bytes} (of the answers), {@code targets} (1),
 * {@code description}, {@code evidence {service_port, amplification, query_bytes, answer_bytes, queries, first_seen,
 * last_seen}}, {@code job}, {@code id}.
 */
public final class ReflectedDdosJob implements JobDefinition {

    public static final String NAME = "reflected_ddos";
    public static final String TYPE = "reflected_ddos";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String PORTS = "ports";
    public static final String MIN_AMPLIFICATION = "min-amplification";
    public static final String MIN_BYTES = "min-bytes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "local UDP services reflecting amplified answers onto one outside host";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("1m", "30s",
                JobParameter.required(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated IPv4/IPv6 CIDRs of the local networks (the reflectors are inside)"),
                JobParameter.optional(PORTS, JobParameter.Type.PORT_LIST, "53,123,161,389,1900,11211,19,17",
                        "UDP ports of the services that amplify"),
                JobParameter.optional(MIN_AMPLIFICATION, JobParameter.Type.POSITIVE_INT, "10",
                        "answer bytes per query byte that make a reflection"),
                JobParameter.optional(MIN_BYTES, JobParameter.Type.POSITIVE_INT, "1000000",
                        "answer bytes to one outside host within one window that make an attack"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        UserDefinedFunction local = CidrMatcher.function(params, LOCAL_NET);
        Object[] ports = params.ports(PORTS).toArray();
        Column udp = col("protocol").equalTo(17).and(col("src_ip").isNotNull()).and(col("dst_ip").isNotNull());
        Column answer = col("src_port").isin(ports).and(local.apply(col("src_ip")))
                .and(not(local.apply(col("dst_ip"))));
        Column query = col("dst_port").isin(ports).and(local.apply(col("dst_ip")))
                .and(not(local.apply(col("src_ip"))));
        Dataset<Row> sides = flows.filter(udp.and(answer.or(query))).select(col("flow_start"), col("flow_end"),
                when(answer, col("src_ip")).otherwise(col("dst_ip")).as("reflector"),
                when(answer, col("dst_ip")).otherwise(col("src_ip")).as("victim"),
                when(answer, col("src_port")).otherwise(col("dst_port")).as("service_port"),
                when(answer, 1L).otherwise(0L).as("answers"), when(answer, 0L).otherwise(1L).as("queries"),
                when(answer, col("packets")).otherwise(0L).as("answer_packets"),
                when(answer, col("bytes")).otherwise(0L).as("answer_bytes"),
                when(answer, 0L).otherwise(col("bytes")).as("query_bytes"),
                when(answer, col("flow_start")).as("answer_start"));
        return sides.withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("reflector"), col("victim"), col("service_port"))
                .agg(sum("answers").as("flows"), sum("queries").as("queries"), sum("answer_packets").as("packets"),
                        sum("answer_bytes").as("bytes"), sum("query_bytes").as("query_bytes"),
                        min("answer_start").as("first_seen"), max("flow_end").as("last_seen"))
                .withColumn("amplification", col("bytes").divide(greatest(col("query_bytes"), lit(1L))))
                .filter(col("bytes").geq(params.integer(MIN_BYTES))
                        .and(col("amplification").geq(params.integer(MIN_AMPLIFICATION))));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        return Documents.serialize(batch.select(
                col("first_seen").as("@timestamp"),
                lit(TYPE).as("type"),
                when(col("bytes").geq(10L * params.integer(MIN_BYTES)), "high").otherwise("medium").as("severity"),
                col("reflector").as("src_ip"),
                col("victim").as("dst_ip"),
                col("window"), col("flows"), col("packets"), col("bytes"), lit(1L).as("targets"),
                format_string("%s (UDP port %d) reflected %d bytes onto %s, %.0f times what it was asked",
                        col("reflector"), col("service_port"), col("bytes"), col("victim"), col("amplification"))
                        .as("description"),
                struct(col("service_port"), round(col("amplification"), 1).as("amplification"),
                        col("query_bytes"), col("bytes").as("answer_bytes"), col("queries"), col("first_seen"),
                        col("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), col("reflector"), col("victim"), col("service_port").cast("string"),
                        Documents.millis(col("window.start"))).as("id"),
                Documents.index(OutputKind.ALERTS, col("first_seen")).as("index")));
    }
}
