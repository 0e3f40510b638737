package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code topn}: per source address and tumbling window, the top {@code n} destination ports, destination hosts and
 * HTTP hosts (the {@code http_host} of the flows whose exporter sends one: Flowmon, nProbe, YAF, IPFIXcol2) by number
 * of flows (ties: lower port / lexically lower address or name first).
 *
 * <p>Streaming cannot rank inside an aggregation, so {@link #apply} counts flows per (window, source, kind,
 * value) with kind {@code port}, {@code host} or {@code http} (one aggregation over up to three exploded rows per
 * flow) in append
 * mode: a window's counts are emitted together, in one micro-batch, once the watermark passes its end.
 * {@link #documents} ranks them in that batch. So topN documents appear window + watermark after the window
 * starts, and are final.
 *
 * <p>Document ({@code s4f-stats-*}): {@code {type:"topn", src_ip, top_dst_ports:[{port, flows}],
 * top_dst_hosts:[{ip, flows}], top_http_hosts:[{host, flows}], window, @timestamp (= window start), id}}, lists in
 * descending flows ({@code top_http_hosts} empty when no flow had an HTTP host).
 */
public final class TopNJob implements JobDefinition {

    public static final String NAME = "topn";
    public static final String N = "n";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "per source host: top-N destination ports, hosts and HTTP hosts by flows";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("60s", "10s",
                JobParameter.optional(N, JobParameter.Type.POSITIVE_INT, "10",
                        "how many ports, hosts and HTTP hosts to keep"));
    }

    @Override
    public OutputMode outputMode() {
        return OutputMode.Append();
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        Column targets = array(
                struct(lit("port").as("kind"), col("dst_port").cast("string").as("value")),
                struct(lit("host").as("kind"), col("dst_ip").as("value")),
                struct(lit("http").as("kind"), col("http_host").as("value")));
        return flows.filter(col("src_ip").isNotNull())
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .select(col("flow_start"), col("src_ip"), explode(targets).as("t"))
                .filter(col("t.value").isNotNull())
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("src_ip"), col("t.kind").as("kind"), col("t.value").as("value"))
                .agg(count(lit(1)).as("flows"));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        WindowSpec byRank = Window.partitionBy(col("window"), col("src_ip"), col("kind"))
                .orderBy(col("flows").desc(), col("kind_order"));
        Dataset<Row> ranked = batch
                .withColumn("kind_order", when(col("kind").equalTo("port"),
                        lpad(col("value"), 5, "0")).otherwise(col("value")))
                .withColumn("rank", row_number().over(byRank))
                .filter(col("rank").leq(params.integer(N)));
        Column entries = array_sort(collect_list(struct(col("rank"), col("kind"), col("value"), col("flows"))));
        return Documents.serialize(ranked
                .groupBy(col("window"), col("src_ip"))
                .agg(entries.as("entries"))
                .select(
                        lit(NAME).as("type"),
                        col("src_ip"),
                        transform(filter(col("entries"), e -> e.getField("kind").equalTo("port")),
                                e -> struct(e.getField("value").cast("int").as("port"), e.getField("flows")
                                        .as("flows"))).as("top_dst_ports"),
                        transform(filter(col("entries"), e -> e.getField("kind").equalTo("host")),
                                e -> struct(e.getField("value").as("ip"), e.getField("flows").as("flows")))
                                .as("top_dst_hosts"),
                        transform(filter(col("entries"), e -> e.getField("kind").equalTo("http")),
                                e -> struct(e.getField("value").as("host"), e.getField("flows").as("flows")))
                                .as("top_http_hosts"),
                        col("window"),
                        col("window.start").as("@timestamp"),
                        Documents.id(lit(NAME), col("src_ip"), Documents.millis(col("window.start"))).as("id"),
                        Documents.index(OutputKind.STATISTICS, col("window.start")).as("index")));
    }
}
