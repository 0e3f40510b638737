package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code protocols}: flows, packets and bytes (sampling-upscaled) per IP protocol number and tumbling window.
 *
 * <p>Document ({@code s4f-stats-*}): {@code {type:"protocols", protocol, flows, packets, bytes,
 * window:{start,end}, @timestamp (= window start), id}}. Update mode: a window's document is re-sent (same id,
 * overwriting) in every micro-batch that added flows to it, so numbers appear within one trigger and are final
 * once the watermark passes the window end.
 */
public final class ProtocolsJob implements CombinableJob {

    public static final String NAME = "protocols";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "flows, packets and bytes per IP protocol and window";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("10s", "10s");
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        return flows.withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("protocol"))
                .agg(count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        return Documents.serialize(batch.select(
                lit(NAME).as("type"),
                col("protocol"), col("flows"), col("packets"), col("bytes"), col("window"),
                col("window.start").as("@timestamp"),
                Documents.id(lit(NAME), col("protocol"), Documents.millis(col("window.start"))).as("id"),
                Documents.index(OutputKind.STATISTICS, col("window.start")).as("index")));
    }

    @Override
    public List<Column> facts(CombinedJobs.Facts facts, JobParams params) {
        return List.of(when(facts.timed(), facts.fact(null, null, null, col("protocol")).counters().build()));
    }

    @Override
    public Dataset<Row> fromCombined(Dataset<Row> rows, Column window, JobParams params) {
        return rows.select(window, col("num").as("protocol"), col("flows"), col("packets"), col("bytes"));
    }
}
