package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code host_profile}: per host inside {@code local-net} and day (UTC), one document ({@code s4f-hosts-*}) with 24
 * hourly slots of flows, packets and bytes out (the host the source) and in (the host the destination), its peers,
 * the ports it offers as a server and those it uses as a client, and when it was first and last seen that day. A
 * flow between two local hosts counts for both. A flow's server side is the side with the lower port (a client's
 * port is ephemeral), so a flow from the host's port 443 to a peer's port 50,000 tells that the host offers 443, and
 * a flow to a peer's port 53 that it uses 53; equal ports count as neither.
 *
 * <p>Update mode: the document of a host and day is written again, under the same {@code id} (host and day), each
 * micro-batch that adds flows to it. Exact sets (peers and ports) are kept per host and day; the document lists up to
 * {@code max-list} of each (sorted) beside their full counts.
 *
 * <p>Document: {@code {type:"host_profile", host, day, flows, packets, bytes, flows_out, flows_in, packets_out,
 * packets_in, bytes_out, bytes_in, hours:[{hour, flows_out, flows_in, packets_out, packets_in, bytes_out, bytes_in}]
 * (24 slots), peers, peer_sample, ports_offered, ports_used (sorted, up to max-list), ports_offered_count,
 * ports_used_count, first_seen, last_seen, @timestamp (= the day), window, id}}, and {@code alerts: {"<alert
 * id>:<role>": {id, type, severity, role (source | target), time}}}: the alerts of the day the host was the source
 * or target of, merged in by the runner as alerts are written ({@link #alertLinks}); the document's own rewrites
 * merge too, so they stay.
 */
public final class HostProfileJob implements JobDefinition {

    public static final String NAME = "host_profile";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String MAX_LIST = "max-list";
    private static final String[] MEASURES = {"flows", "packets", "bytes"};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per local host and day: hourly traffic in and out, peers, ports offered and used";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("24h", "10m",
                JobParameter.required(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated IPv4/IPv6 CIDRs of the local networks: their hosts are profiled"),
                JobParameter.optional(MAX_LIST, JobParameter.Type.POSITIVE_INT, "100",
                        "most peers and ports listed in a document (their counts are exact)"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.PROFILES;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        UserDefinedFunction local = CidrMatcher.function(params, LOCAL_NET);
        Column ports = col("src_port").isNotNull().and(col("dst_port").isNotNull());
        Column side = array(
                struct(lit(true).as("out"), col("src_ip").as("host"), col("dst_ip").as("peer"),
                        when(ports.and(col("src_port").lt(col("dst_port"))), col("src_port")).as("offered"),
                        when(ports.and(col("dst_port").lt(col("src_port"))), col("dst_port")).as("used"),
                        local.apply(col("src_ip")).as("local")),
                struct(lit(false).as("out"), col("dst_ip").as("host"), col("src_ip").as("peer"),
                        when(ports.and(col("dst_port").lt(col("src_port"))), col("dst_port")).as("offered"),
                        when(ports.and(col("src_port").lt(col("dst_port"))), col("src_port")).as("used"),
                        local.apply(col("dst_ip")).as("local")));
        Dataset<Row> sides = flows.filter(col("src_ip").isNotNull().and(col("dst_ip").isNotNull()))
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .select(col("flow_start"), col("flow_end"), col("packets"), col("bytes"), explode(side).as("s"))
                .filter(col("s.local"));
        List<Column> aggs = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Column inHour = hour(col("flow_start")).equalTo(h);
            for (String m : MEASURES) {
                Column v = m.equals("flows") ? lit(1L) : col(m);
                aggs.add(sum(when(inHour.and(col("s.out")), v).otherwise(0L)).as(m + "_out_" + h));
                aggs.add(sum(when(inHour.and(not(col("s.out"))), v).otherwise(0L)).as(m + "_in_" + h));
            }
        }
        aggs.add(collect_set("s.offered").as("offered_set"));
        aggs.add(collect_set("s.used").as("used_set"));
        aggs.add(min("flow_start").as("first_seen"));
        aggs.add(max("flow_end").as("last_seen"));
        return sides.groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("s.host").as("host"))
                .agg(collect_set("s.peer").as("peer_set"), aggs.toArray(Column[]::new));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        int maxList = params.integer(MAX_LIST);
        List<Column> hours = new ArrayList<>();
        List<Column> out = new ArrayList<>(List.of(lit(NAME).as("type"), col("host"),
                date_format(col("window.start"), "yyyy-MM-dd").as("day")));
        for (String m : MEASURES) {
            Column o = lit(0L);
            Column i = lit(0L);
            for (int h = 0; h < 24; h++) {
                o = o.plus(col(m + "_out_" + h));
                i = i.plus(col(m + "_in_" + h));
            }
            out.add(o.plus(i).as(m));
            out.add(o.as(m + "_out"));
            out.add(i.as(m + "_in"));
        }
        for (int h = 0; h < 24; h++) {
            List<Column> slot = new ArrayList<>(List.of(lit(h).as("hour")));
            for (String m : MEASURES) {
                slot.add(col(m + "_out_" + h).as(m + "_out"));
                slot.add(col(m + "_in_" + h).as(m + "_in"));
            }
            hours.add(struct(slot.toArray(Column[]::new)));
        }
        out.add(array(hours.toArray(Column[]::new)).as("hours"));
        out.add(size(col("peer_set")).as("peers"));
        out.add(slice(array_sort(col("peer_set")), 1, maxList).as("peer_sample"));
        out.add(slice(array_sort(col("offered_set")), 1, maxList).as("ports_offered"));
        out.add(slice(array_sort(col("used_set")), 1, maxList).as("ports_used"));
        out.add(size(col("offered_set")).as("ports_offered_count"));
        out.add(size(col("used_set")).as("ports_used_count"));
        out.add(col("first_seen"));
        out.add(col("last_seen"));
        out.add(col("window"));
        out.add(col("window.start").as("@timestamp"));
        out.add(profileId(col("host"), col("window.start")).as("id"));
        out.add(Documents.index(OutputKind.PROFILES, col("window.start")).as("index"));
        return Documents.serialize(batch.select(out.toArray(Column[]::new)));
    }

    /** The id of the profile of {@code host} in the window that starts at {@code windowStart}. */
    private static Column profileId(Column host, Column windowStart) {
        return Documents.id(lit(NAME), host, Documents.millis(windowStart));
    }

    /**
     * The host-profile documents to merge a batch of alert documents ({@code id, index, json}) into: for each
     * alert, one per address of its {@code src_ip} (role {@code source}) and {@code dst_ip} (role {@code target})
     * inside {@code local-net}, under that host's profile id for the window of the alert's {@code @timestamp}, of
     * the profile's key fields and {@code alerts: {"<alert id>:<role>": {id, type, severity, role, time}}}. Merged
     * (not indexed), they add their entry to the profile, or create it with that entry; an alert updated under its
     * id, or written again, stays one entry.
     */
    public static Dataset<Row> alertLinks(Dataset<Row> alerts, JobParams params) {
        long windowMs = params.duration(WindowParameters.WINDOW).toMillis();
        Dataset<Row> parsed = alerts.select(from_json(col("json"), new StructType()
                .add("@timestamp", DataTypes.TimestampType).add("type", DataTypes.StringType)
                .add("severity", DataTypes.StringType).add("src_ip", DataTypes.StringType)
                .add("dst_ip", DataTypes.StringType).add("id", DataTypes.StringType)).as("a"));
        Column sides = array(struct(col("a.src_ip").as("host"), lit("source").as("role")),
                struct(col("a.dst_ip").as("host"), lit("target").as("role")));
        Column millis = Documents.millis(col("a.`@timestamp`"));
        UserDefinedFunction local = CidrMatcher.function(params, LOCAL_NET);
        Dataset<Row> links = parsed.select(col("a"), explode(sides).as("s"))
                .filter(col("s.host").isNotNull().and(col("a.`@timestamp`").isNotNull())
                        .and(local.apply(col("s.host"))))
                .withColumn("start", timestamp_millis(millis.minus(pmod(millis, lit(windowMs)))));
        Column entry = struct(col("a.id").as("id"), col("a.type").as("type"), col("a.severity").as("severity"),
                col("s.role").as("role"), col("a.`@timestamp`").as("time"));
        return Documents.serialize(links.select(lit(NAME).as("type"), col("s.host").as("host"),
                date_format(col("start"), "yyyy-MM-dd").as("day"),
                struct(col("start").as("start"), timestamp_millis(Documents.millis(col("start")).plus(windowMs))
                        .as("end")).as("window"),
                col("start").as("@timestamp"),
                map(concat_ws(":", col("a.id"), col("s.role")), entry).as("alerts"),
                profileId(col("s.host"), col("start")).as("id"),
                Documents.index(OutputKind.PROFILES, col("start")).as("index")));
    }
}
