package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.when;


import java.util.List;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code ddos}: a flood against one host inside {@code local-net} from many sources, far above that host's own
 * normal rate: TCP SYNs that open no connection ({@code (tcp_flags & 0x1F) == 0x02}: no ACK, so a busy server's
 * visitors, whose flows complete their handshakes, and the server's own SYN-ACK backscatter do not count), or UDP
 * packets. Per tumbling window (10 s by default, so that a flood of a few seconds shows its rate), victim and kind
 * ({@code syn}, {@code udp}): the packets per second over the window and the distinct sources; an alert is due when
 * the rate reaches {@code min-pps}, the sources {@code min-sources}, and the rate is at least {@code min-increase}
 * times the host's normal rate (of all its inbound packets: a moving average over about {@code baseline} of its past
 * windows; see {@link FloodTracker}), so that a resolver or a QUIC server that always takes thousands of packets a
 * second from many clients is no flood. Before the host's first window has closed its normal rate is unknown and
 * the absolute thresholds decide alone (so such a server can alert once when the job starts).
 *
 * <p>Alert: {@code @timestamp} (first flow), {@code type} {@code ddos}, {@code severity} ({@code high} from 10
 * &times; min-pps, else {@code medium}), {@code dst_ip} (the victim), {@code dst_port} when every flow went to one
 * port, no {@code src_ip} (the sources are in the evidence), {@code window}, {@code flows}, {@code packets},
 * {@code bytes}, {@code targets} (distinct sources), {@code description}, {@code evidence {kind, pps,
 * normal_pps (absent while unknown), sources, sample_sources (up to 10, sorted), first_seen, last_seen}}, {@code job}, {@code id}.
 */
public final class DdosJob implements JobDefinition {

    public static final String NAME = "ddos";
    public static final String TYPE = "ddos";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String MIN_PPS = "min-pps";
    public static final String MIN_SOURCES = "min-sources";
    public static final String MIN_INCREASE = "min-increase";
    public static final String BASELINE = "baseline";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SYN and UDP floods against one local host from many sources, far above its normal rate";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("10s", "30s",
                JobParameter.required(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated IPv4/IPv6 CIDRs of the local networks (the victims are inside)"),
                JobParameter.optional(MIN_PPS, JobParameter.Type.POSITIVE_INT, "1000",
                        "packets per second (over the window) to one host that make a flood"),
                JobParameter.optional(MIN_SOURCES, JobParameter.Type.POSITIVE_INT, "100",
                        "distinct sources of those packets that make it distributed"),
                JobParameter.optional(MIN_INCREASE, JobParameter.Type.POSITIVE_INT, "10",
                        "how many times the host's normal rate (all its inbound packets) a flood is at least"),
                JobParameter.optional(BASELINE, JobParameter.Type.DURATION, "10m",
                        "memory of the host's normal rate: a moving average over about this much of its past"));
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
        // every flow to a local host: the others make its normal rate
        Dataset<Row> candidates = flows.filter(col("src_ip").isNotNull().and(col("dst_ip").isNotNull())
                        .and(col("flow_start").isNotNull()).and(victim))
                .select(col("src_ip").as("src"), Documents.millis(col("flow_start")).as("start"),
                        Documents.millis(col("flow_end")).as("end"), col("packets"), col("bytes"),
                        col("dst_port").cast("int").as("port"),
                        when(syn, "syn").when(udp, "udp").as("kind"), col("dst_ip"), col("flow_start"));
        boolean streaming = flows.isStreaming();
        if (streaming) {
            candidates = candidates.withWatermark("flow_start", params.interval(WindowParameters.WATERMARK));
        }
        int key = 7;
        FloodTracker tracker = new FloodTracker(params.duration(WindowParameters.WINDOW).toMillis(),
                params.duration(BASELINE).toMillis(), params.integer(MIN_PPS), params.integer(MIN_SOURCES),
                params.integer(MIN_INCREASE), streaming);
        return candidates.groupByKey((MapFunction<Row, String>) r -> r.getString(key), Encoders.STRING())
                .flatMapGroupsWithState(tracker, OutputMode.Update(), Encoders.javaSerialization(
                        FloodTracker.State.class), Encoders.row(FloodTracker.SCHEMA),
                        streaming ? GroupStateTimeout.EventTimeTimeout() : GroupStateTimeout.NoTimeout());
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        Column victim = col("dst_ip");
        Column kind = col("kind");
        Column firstSeen = timestamp_millis(col("first_seen"));
        return Documents.serialize(batch.select(
                firstSeen.as("@timestamp"),
                lit(TYPE).as("type"),
                when(col("pps").geq(10.0 * params.integer(MIN_PPS)), "high").otherwise("medium").as("severity"),
                victim.as("dst_ip"),
                when(col("min_port").equalTo(col("max_port")), col("min_port")).as("dst_port"),
                struct(timestamp_millis(col("window_start")).as("start"), timestamp_millis(col("window_end"))
                        .as("end")).as("window"),
                col("flows"), col("packets"), col("bytes"), col("targets"),
                format_string("%s received %.0f %s packets a second from %d sources", victim, col("pps"),
                        when(kind.equalTo("syn"), "TCP SYN").otherwise("UDP"), col("targets")).as("description"),
                struct(kind.as("kind"), round(col("pps"), 1).as("pps"), round(col("baseline_pps"), 1)
                        .as("normal_pps"), col("targets").as("sources"), col("source_sample").as("sample_sources"),
                        firstSeen.as("first_seen"), timestamp_millis(col("last_seen")).as("last_seen"))
                        .as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), victim, kind, col("window_start")).as("id"),
                Documents.index(OutputKind.ALERTS, firstSeen).as("index")));
    }
}
