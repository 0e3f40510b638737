package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
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
 * {@code portscan}: TCP SYN scans. Only TCP flows with {@code (tcp_flags & 0x1F) == 0x02} (SYN without ACK, FIN,
 * RST, PSH) count. Horizontal: key (src_ip, dst_port), targets = distinct dst_ip; vertical: key (src_ip, dst_ip),
 * targets = distinct dst_port; per tumbling window. An alert is due when targets &ge; {@code min-targets}.
 *
 * <p>Semantics (update mode, one aggregation over two exploded rows per flow): an alert is emitted in the
 * micro-batch in which its key crosses the threshold, without waiting for the window to close; re-emitted with
 * the same {@code id} (hash of type, source, key and window start) and larger numbers in each later micro-batch
 * that added flows to that key and window; nothing is emitted for a batch that added none. Targets are exact
 * ({@code collect_set}); state per key holds its distinct targets, bounded by the window.
 *
 * <p>Alert ({@code s4f-alerts-*} and the alerts topic): {@code @timestamp} (first flow start), {@code type}
 * ({@code portscan_horizontal} / {@code portscan_vertical}), {@code severity} ({@code high} when targets &ge;
 * 5 &times; min-targets, else {@code medium}), {@code src_ip}, {@code dst_port} (horizontal) or {@code dst_ip}
 * (vertical), {@code window}, {@code flows}, {@code packets}, {@code bytes}, {@code targets}, {@code description},
 * {@code evidence {sample_targets (up to 10, sorted), first_seen, last_seen}}, {@code job}, {@code id}.
 */
public final class PortscanJob implements CombinableJob {

    public static final String NAME = "portscan";
    public static final String MIN_TARGETS = "min-targets";
    public static final String HORIZONTAL = "portscan_horizontal";
    public static final String VERTICAL = "portscan_vertical";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "horizontal and vertical TCP SYN scans";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("60s", "30s", JobParameter.optional(MIN_TARGETS,
                JobParameter.Type.POSITIVE_INT, "20", "distinct targets within one window that make a scan"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        Column keys = array(
                struct(lit(HORIZONTAL).as("type"), col("dst_port").cast("string").as("key"),
                        col("dst_ip").as("target")),
                struct(lit(VERTICAL).as("type"), col("dst_ip").as("key"),
                        col("dst_port").cast("string").as("target")));
        return flows.filter(synOnly())
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .select(col("flow_start"), col("flow_end"), col("src_ip"), col("packets"), col("bytes"),
                        explode(keys).as("k"))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("k.type").as("type"), col("src_ip"), col("k.key").as("key"))
                .agg(count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"),
                        collect_set("k.target").as("target_set"), min("flow_start").as("first_seen"),
                        max("flow_end").as("last_seen"))
                .withColumn("targets", size(col("target_set")))
                .filter(col("targets").geq(params.integer(MIN_TARGETS)));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        Column horizontal = col("type").equalTo(HORIZONTAL);
        Column description = when(horizontal,
                format_string("%s sent TCP SYNs to port %s of %d hosts", col("src_ip"), col("key"), col("targets")))
                .otherwise(format_string("%s sent TCP SYNs to %d ports of %s", col("src_ip"), col("targets"),
                        col("key")));
        return Documents.serialize(batch.select(
                col("first_seen").as("@timestamp"),
                col("type"),
                when(col("targets").geq(5L * params.integer(MIN_TARGETS)), "high").otherwise("medium")
                        .as("severity"),
                col("src_ip"),
                when(horizontal.unary_$bang(), col("key")).as("dst_ip"),
                when(horizontal, col("key").cast("int")).as("dst_port"),
                col("window"), col("flows"), col("packets"), col("bytes"), col("targets"),
                description.as("description"),
                struct(slice(array_sort(col("target_set")), 1, 10).as("sample_targets"), col("first_seen"),
                        col("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(col("type"), col("src_ip"), col("key"), Documents.millis(col("window.start")))
                        .as("id"),
                Documents.index(OutputKind.ALERTS, col("first_seen")).as("index")));
    }

    /** The flows that are probes: TCP with SYN alone among FIN, SYN, RST, PSH and ACK, with both ends known. */
    private static Column synOnly() {
        return col("protocol").equalTo(6).and(col("tcp_flags").bitwiseAND(0x1F).equalTo(0x02))
                .and(col("src_ip").isNotNull()).and(col("dst_ip").isNotNull()).and(col("dst_port").isNotNull());
    }

    @Override
    public List<Column> facts(CombinedJobs.Facts facts, JobParams params) {
        Column probe = facts.timed().and(synOnly());
        Column port = col("dst_port").cast("string");
        return List.of(
                when(probe, facts.fact(lit(HORIZONTAL), col("src_ip"), port, null).counters().scan(col("dst_ip"))
                        .build()),
                when(probe, facts.fact(lit(VERTICAL), col("src_ip"), col("dst_ip"), null).counters().scan(port)
                        .build()));
    }

    @Override
    public Dataset<Row> fromCombined(Dataset<Row> rows, Column window, JobParams params) {
        return rows.select(window, col("kind").as("type"), col("src").as("src_ip"), col("key"), col("flows"),
                col("packets"), col("bytes"), col("target_set"), col("first_seen"), col("last_seen"),
                size(col("target_set")).as("targets"))
                .filter(col("targets").geq(params.integer(MIN_TARGETS)));
    }
}
