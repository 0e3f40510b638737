package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.TestSpark;

import scala.Option;
import scala.collection.JavaConverters;

/**
 * Streaming semantics of portscan alerts, micro-batch by micro-batch through a MemoryStream: emitted when the
 * threshold is crossed (window still open), nothing when unchanged, same id when grown, late data dropped.
 */
class PortscanStreamingTest {

    @Test
    void alertsAppearOnCrossingAreUpdatedInPlaceAndIgnoreLateFlows() throws Exception {
        PortscanJob job = new PortscanJob();
        JobParams params = job.params(Map.of("window", "60s", "watermark", "10s"));
        MemoryStream<String> input = new MemoryStream<>(1, TestSpark.session().sqlContext(), Option.empty(),
                Encoders.STRING());
        Dataset<Row> flows = FlowsView.fromJson(input.toDF(), job.fields());
        PortscanScenario.BATCHES.clear();
        StreamingQuery query = job.apply(flows, params).writeStream()
                .outputMode(job.outputMode())
                .option("checkpointLocation", Files.createTempDirectory("s4f-portscan-stream").toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> PortscanScenario.BATCHES.add(
                        job.documents(batch, params).select("json").as(Encoders.STRING()).collectAsList()))
                .start();
        try {
            PortscanScenario.play(input, query);
        } finally {
            query.stop();
        }
        PortscanScenario.assertAlertedOnCrossingAndGrowthOnly();
    }
}
