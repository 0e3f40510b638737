package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;


/**
 * The micro-batch script of the portscan streaming tests, shared by the per-job query
 * ({@link PortscanStreamingTest}) and the combined one ({@link CombinedStreamingTest}): a scan crosses the
 * threshold, grows, and comes back late; the same alerts must come out in the same micro-batches.
 */
final class PortscanScenario {

    /** Documents of each micro-batch, in batch order (written by the query's thread, read by the test). */
    static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();

    private PortscanScenario() {
    }

    /** Feeds the script, one micro-batch per step. */
    static void play(MemoryStream<String> input, StreamingQuery query) {
        send(input, query, scan(1, 19, T0));                 // 19 targets: below threshold
        send(input, query, scan(20, 20, T0 + 1000));         // 20th target, window open until T0+60s
        send(input, query, List.of(FlowJson.syn("10.9.9.9", "192.0.2.1", 80, T0 + 2000)));  // other key
        send(input, query, scan(21, 22, T0 + 3000));         // grows to 22
        send(input, query, List.of(FlowJson.syn("10.9.9.9", "192.0.2.2", 80, T0 + 200_000))); // watermark on
        send(input, query, scan(23, 30, T0 + 4000));         // late: window closed, dropped
    }

    /**
     * One alert at the 20th target (batch 1), the same id with 22 targets at the growth (batch 3), nothing else.
     */
    static void assertAlertedOnCrossingAndGrowthOnly() {
        List<List<JsonNode>> docs = BATCHES.stream().map(b -> b.stream().map(TestSpark::parse).toList()).toList();
        List<JsonNode> all = docs.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(2).allSatisfy(a ->
                assertThat(a.get("type").asText()).isEqualTo("portscan_horizontal"));
        JsonNode first = all.get(0);
        JsonNode grown = all.get(1);
        assertThat(first.get("targets").asLong()).isEqualTo(20);
        assertThat(grown.get("targets").asLong()).isEqualTo(22);
        assertThat(grown.get("flows").asLong()).isEqualTo(22);
        assertThat(grown.get("id").asText()).isEqualTo(first.get("id").asText());
        // the alert came in the batch of the 20th target, the growth in the batch of targets 21-22
        List<Integer> withAlerts = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (!docs.get(i).isEmpty()) {
                withAlerts.add(i);
            }
        }
        assertThat(withAlerts).containsExactly(1, 3);
    }

    static List<FlowJson> scan(int fromHost, int toHost, long start) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = fromHost; i <= toHost; i++) {
            flows.add(FlowJson.syn("10.0.0.1", "192.0.2." + i, 22, start + i));
        }
        return flows;
    }

    /** One micro-batch per call (no-data batches after a watermark move fold into it; see MicroBatches). */
    static void send(MemoryStream<String> input, StreamingQuery query, List<FlowJson> flows) {
        MicroBatches.send(BATCHES, input, query, flows);
    }
}
