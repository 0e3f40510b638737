package io.stream4flow.cluster.jobs;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A job as a streaming query over a MemoryStream of flow JSON, fed one micro-batch per {@link #send}: the documents
 * of each micro-batch are collected in {@link #batches()}, in batch order (index = call number).
 */
final class MicroBatches implements AutoCloseable {
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final MemoryStream<String> input;
    private final StreamingQuery query;

    /** Starts {@code job} (its {@code apply} in its output mode, its {@code documents} per micro-batch). */
    MicroBatches(JobDefinition job, JobParams params) throws IOException, TimeoutException {
        input = new MemoryStream<>(1, TestSpark.session().sqlContext(), Option.empty(), Encoders.STRING());
        Dataset<Row> flows = FlowsView.fromJson(input.toDF(), job.fields());
        List<List<String>> out = batches;
        query = job.apply(flows, params).writeStream().outputMode(job.outputMode())
                .option("checkpointLocation", Files.createTempDirectory("s4f-" + job.name() + "-stream").toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> out.add(
                        job.documents(batch, params).select("json").as(Encoders.STRING()).collectAsList()))
                .start();
    }

    /** Documents (JSON) of each micro-batch so far. */
    List<List<String>> batches() {
        return batches;
    }

    /**
     * One micro-batch per call; the documents of a no-data batch that ran after it (the watermark moved: append-mode
     * jobs write closed windows then) are folded into its entry, so that entry {@code i} is what call {@code i}
     * brought out.
     */
    void send(List<FlowJson> flows) {
        send(batches, input, query, flows);
    }

    static void send(List<List<String>> batches, MemoryStream<String> input, StreamingQuery query,
            List<FlowJson> flows) {
        int before = batches.size();
        input.addData(JavaConverters.asScalaBuffer(flows.stream().map(FlowJson::json).toList()).toSeq());
        query.processAllAvailable();
        List<String> brought = new java.util.ArrayList<>();
        while (batches.size() > before) {
            brought.addAll(0, batches.remove(batches.size() - 1));
        }
        batches.add(brought);
    }

    @Override
    public void close() throws TimeoutException {
        query.stop();
    }
}
