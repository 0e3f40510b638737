package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ddos}: a flood against one host inside {@code local-net} from many sources: TCP SYNs that open no
 * connection ({@code (tcp_flags & 0x1F) == 0x02}: no ACK, so a busy server's visitors, whose flows complete their
 * handshakes, and the server's own SYN-ACK backscatter do not count), or UDP packets. Per tumbling window, victim and
 * kind ({@code syn}, {@code udp}): the packets per second over the window and the distinct sources. An alert is due
 * when the rate reaches {@code min-pps} and the sources {@code min-sources}.
 *
 * <p>What it does not do yet: compare with the host's own normal rate; the thresholds are absolute.
 *
 * <p>Alert: {@code @timestamp} (first flow), {@code type} {@code ddos}, {@code severity} ({@code high} from 10
 * &times; min-pps, else {@code medium}), {@code dst_ip} (the victim), {@code dst_port} when every flow went to one
 * port, no {@code src_ip} (the sources are in the evidence), {@code window}, {@code flows}, {@code packets},
 * {@code bytes}, {@code targets} (distinct sources), {@code description}, {@code evidence {kind, pps, sources,
 * sample_sources (up to 10, sorted), first_seen, last_seen}}, {@code job}, {@code id}.
 */
public final class DdosJob implements JobDefinition {

    public static final String NAME = "ddos";
    public static final String TYPE = "ddos";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String MIN_PPS = "min-pps";
    public static final String MIN_SOURCES = "min-sources";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SYN and UDP floods against one local host from many sources";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("1m", "30s",
                JobParameter.required(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated IPv4/IPv6 CIDRs of the local networks (the victims are inside)"),
                JobParameter.optional(MIN_PPS, JobParameter.Type.POSITIVE_INT, "1000",
                        "packets per second (over the window) to one host that make a flood"),
                JobParameter.optional(MIN_SOURCES, JobParameter.Type.POSITIVE_INT, "100",
                        "distinct sources of those packets that make it distributed"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        Column syn = col("protocol").equalTo(6).and(col("tcp_flags").bitwiseAND(0x1F).equalTo(0x02));
        Column udp = col("protocol").equalTo(17);
        Column victim = CidrMatcher.function(params, LOCAL_NET).apply(col("dst_ip"));
        double windowSeconds = params.duration(WindowParameters.WINDOW).toMillis() / 1000.0;
        return flows.filter(syn.or(udp).and(col("src_ip").isNotNull()).and(col("dst_ip").isNotNull()).and(victim))
                .withColumn("kind", when(syn, "syn").otherwise("udp"))
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("dst_ip"), col("kind"))
                .agg(count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"),
                        collect_set("src_ip").as("source_set"), min("dst_port").as("min_port"),
                        max("dst_port").as("max_port"), min("flow_start").as("first_seen"),
                        max("flow_end").as("last_seen"))
                .withColumn("targets", size(col("source_set")))
                .withColumn("pps", col("packets").divide(windowSeconds))
                .filter(col("pps").geq(params.integer(MIN_PPS)).and(col("targets").geq(params.integer(MIN_SOURCES))));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        return Documents.serialize(batch.select(
                col("first_seen").as("@timestamp"),
                lit(TYPE).as("type"),
                when(col("pps").geq(10.0 * params.integer(MIN_PPS)), "high").otherwise("medium").as("severity"),
                col("dst_ip"),
                when(col("min_port").equalTo(col("max_port")), col("min_port")).as("dst_port"),
                col("window"), col("flows"), col("packets"), col("bytes"), col("targets"),
                format_string("%s received %.0f %s packets a second from %d sources", col("dst_ip"), col("pps"),
                        when(col("kind").equalTo("syn"), "TCP SYN").otherwise("UDP"), col("targets"))
                        .as("description"),
                struct(col("kind"), round(col("pps"), 1).as("pps"), col("targets").as("sources"),
                        slice(array_sort(col("source_set")), 1, 10).as("sample_sources"), col("first_seen"),
                        col("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), col("dst_ip"), col("kind"), Documents.millis(col("window.start"))).as("id"),
                Documents.index(OutputKind.ALERTS, col("first_seen")).as("index")));
    }
}
