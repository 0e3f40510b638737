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
 * {@link PortscanStreamingTest} through the combined aggregation (protocols + hosts + portscan, the watermark on
 * the shared event-time key): the same alerts in the same micro-batches; protocol totals per window are exact.
 */
class CombinedStreamingTest {

    /** Protocol documents of every micro-batch. */
    private static final List<String> PROTOCOLS = new CopyOnWriteArrayList<>();

    @Test
    void alertsAppearOnCrossingAreUpdatedInPlaceAndIgnoreLateFlows() throws Exception {
        PortscanJob job = new PortscanJob();
        JobParams params = job.params(Map.of("window", "60s", "watermark", "10s"));
        Map<JobDefinition, JobParams> plan = new java.util.LinkedHashMap<>();
        plan.put(new ProtocolsJob(), new ProtocolsJob().params(Map.of()));
        plan.put(new HostsJob(), new HostsJob().params(Map.of("local-net", "10.0.0.0/8")));
        plan.put(job, params);
        CombinedJobs combined = new CombinedJobs(plan);
        PROTOCOLS.clear();
        MemoryStream<String> input = new MemoryStream<>(1, TestSpark.session().sqlContext(), Option.empty(),
                Encoders.STRING());
        Dataset<Row> flows = FlowsView.scan(input.toDF());
        PortscanScenario.BATCHES.clear();
        StreamingQuery query = combined.apply(flows).writeStream()
                .outputMode(job.outputMode())
                .option("checkpointLocation", Files.createTempDirectory("s4f-portscan-stream").toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    PortscanScenario.BATCHES.add(combined.results(job, batch).select("json")
                            .as(Encoders.STRING()).collectAsList());
                    PROTOCOLS.addAll(combined.results(plan.keySet().iterator().next(), batch).select("json")
                            .as(Encoders.STRING()).collectAsList());
                })
                .start();
        try {
            PortscanScenario.play(input, query);
        } finally {
            query.stop();
        }
        PortscanScenario.assertAlertedOnCrossingAndGrowthOnly();
        // protocol totals: the last document of the first 10 s window counts every flow of it (20 + 1 + 2),
        // the late flows of the closed window are not counted
        JsonNode lastOfFirstWindow = PROTOCOLS.stream().map(TestSpark::parse)
                .filter(d -> d.get("window").get("start").asText().equals("2023-11-14T22:13:00.000Z"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastOfFirstWindow.get("flows").asLong()).isEqualTo(23);
    }

    /**
     * The watermark follows the latest flow_start of ALL flows (the clock facts), not the latest window end of the
     * facts: 25 s after a 10 s protocols window with a 10 s watermark, a flow of that window is late and dropped,
     * although the combined aggregation's horizon is 90 s (portscan 60 s + 30 s).
     */
    @Test
    void protocolWindowsCloseOnTheSharedClock() throws Exception {
        Map<JobDefinition, JobParams> plan = new java.util.LinkedHashMap<>();
        ProtocolsJob protocols = new ProtocolsJob();
        plan.put(protocols, protocols.params(Map.of()));
        plan.put(new PortscanJob(), new PortscanJob().params(Map.of()));
        CombinedJobs combined = new CombinedJobs(plan);
        MemoryStream<String> input = new MemoryStream<>(2, TestSpark.session().sqlContext(), Option.empty(),
                Encoders.STRING());
        PortscanScenario.BATCHES.clear();
        StreamingQuery query = combined.apply(FlowsView.scan(input.toDF())).writeStream()
                .outputMode(protocols.outputMode())
                .option("checkpointLocation", Files.createTempDirectory("s4f-combined-clock").toString())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> PortscanScenario.BATCHES.add(
                        combined.results(protocols, batch).select("json").as(Encoders.STRING()).collectAsList()))
                .start();
        try {
            PortscanScenario.send(input, query, List.of(FlowJson.proto(17, 1, 100, T0)));
            PortscanScenario.send(input, query, List.of(FlowJson.proto(17, 1, 100, T0 + 25_000)));
            PortscanScenario.send(input, query, List.of(FlowJson.proto(17, 1, 100, T0 + 1_000)));   // late
        } finally {
            query.stop();
        }
        assertThat(PortscanScenario.BATCHES.get(0)).hasSize(1);
        assertThat(PortscanScenario.BATCHES.get(1)).hasSize(1);
        assertThat(PortscanScenario.BATCHES.get(2)).as("late flow of a closed window").isEmpty();
    }
}
