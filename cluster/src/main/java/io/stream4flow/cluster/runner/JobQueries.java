package io.stream4flow.cluster.runner;

import java.util.concurrent.TimeoutException;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.jobs.CombinedJobs;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParams;
import io.stream4flow.cluster.output.DocumentSink;

/**
 * Starts the streaming queries: Kafka {@code flows} -> flows view -> analysis -> foreachBatch (documents ->
 * {@link DocumentSink}), checkpointed in {@code <checkpoint-dir>/<query name>}. Either one query per job
 * ({@link #start}, named after the job) or one query for the combinable jobs together ({@link #startCombined},
 * named {@code protocols+hosts+portscan}, see {@link CombinedJobs}).
 *
 * <p>Each query reads and parses the topic itself (Structured Streaming cannot feed several stateful queries
 * from one source): N jobs cost N reads and N scans of every flow. The combined query saves two of those for the
 * default jobs but its one aggregation over the union of the measures (object-based, interpreted, with sets in
 * every group) costs more than it saves on 2 cores (cluster README), so the runner uses it only when asked
 * ({@code --combine}).
 */
public final class JobQueries {

    private JobQueries() {
    }

    /** The flows view over the Kafka topic of {@code config}, as a streaming Dataset. */
    public static Dataset<Row> flows(SparkSession spark, RunnerConfig config, FlowsView.Fields fields) {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.bootstrap())
                .options(config.kafkaOptions())
                .option("subscribe", config.flowsTopic())
                .option("failOnDataLoss", "false");
        if (config.startingOffsets().startsWith("@")) {
            // the first offset at or after this time in every partition; a partition with nothing that late
            // starts at its end
            reader = reader.option("startingTimestamp", config.startingOffsets().substring(1))
                    .option("startingOffsetsByTimestampStrategy", "latest");
        } else {
            reader = reader.option("startingOffsets", config.startingOffsets());
        }
        if (config.maxOffsetsPerTrigger() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
        }
        Dataset<Row> values = reader.load().select("value");
        return FlowsView.of(values, config.inputFormat(), fields);
    }

    /**
     * Starts the query of {@code job}, named after it.
     *
     * @throws IllegalStateException when Spark refuses to start it
     */
    public static StreamingQuery start(SparkSession spark, JobDefinition job, JobParams params, RunnerConfig config,
            DocumentSink sink) {
        Dataset<Row> results = job.apply(flows(spark, config, job.fields()), params);
        try {
            return results.writeStream()
                    .queryName(job.name())
                    .outputMode(job.outputMode())
                    .option("checkpointLocation", config.checkpointDir().resolve(job.name()).toString())
                    .trigger(config.trigger() == null ? Trigger.AvailableNow()
                            : Trigger.ProcessingTime(config.trigger().toMillis()))
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) ->
                            sink.write(job, job.documents(batch, params), batchId))
                    .start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("query " + job.name() + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the one query of {@code combined}, named {@link CombinedJobs#name()}, in update mode; each
     * micro-batch's rows are computed once (persisted) and written as every member job's documents, in order.
     *
     * @throws IllegalStateException when Spark refuses to start it
     */
    public static StreamingQuery startCombined(SparkSession spark, CombinedJobs combined, RunnerConfig config,
            DocumentSink sink) {
        Dataset<Row> results = combined.apply(flows(spark, config, FlowsView.Fields.OMITTED));
        try {
            return results.writeStream()
                    .queryName(combined.name())
                    .outputMode(OutputMode.Update())
                    .option("checkpointLocation", config.checkpointDir().resolve(combined.name()).toString())
                    .trigger(config.trigger() == null ? Trigger.AvailableNow()
                            : Trigger.ProcessingTime(config.trigger().toMillis()))
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
                        Dataset<Row> rows = batch.persist();
                        try {
                            for (JobDefinition job : combined.jobs().keySet()) {
                                sink.write(job, combined.results(job, rows), batchId);
                            }
                        } finally {
                            rows.unpersist();
                        }
                    })
                    .start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("query " + combined.name() + " did not start: " + e.getMessage(), e);
        }
    }
}
