package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.TestSpark;

/** The combined aggregation gives the same documents (ids and numbers) as each job's own apply + documents. */
class CombinedJobsTest {

    static List<FlowJson> mixedFlows() {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {                          // horizontal scan, crosses 20 in window 0
            flows.add(FlowJson.syn("10.0.0.1", "192.0.2." + i, 22, T0 + i * 100));
        }
        for (int p = 1; p <= 30; p++) {                          // vertical scan over two windows
            flows.add(FlowJson.syn("10.0.0.2", "192.0.2.200", 1000 + p, T0 + 50_000 + p * 1000));
        }
        for (int i = 0; i < 40; i++) {                           // ordinary traffic, several windows and hosts
            flows.add(FlowJson.tcp("10.1." + (i % 3) + ".1", "198.51.100." + (i % 7), 443 + i % 2, 0x1B,
                    T0 + i * 7_000L).with("iana:packetDeltaCount", i + 1).with("iana:octetDeltaCount", 100 * i));
            flows.add(FlowJson.proto(17 + (i % 2) * 41, 2, 150, T0 + i * 3_000L)
                    .with("iana:sourceIPv4Address", "192.0.2." + (i % 4)));
        }
        flows.add(FlowJson.tcp("2001:db8::5", "2001:db8:ffff::1", 22, 0xC2, T0));
        flows.add(FlowJson.tcp("2001:db8::5", "2001:db8:ffff::2", 22, 0x02, T0 + 100)
                .with("iana:samplingPacketInterval", 10));
        flows.add(FlowJson.proto(1, 1, 84, T0).without("iana:protocolIdentifier"));   // null protocol
        return flows;
    }

    @Test
    void combinedDocumentsEqualThePerJobDocuments() {
        Map<JobDefinition, JobParams> plan = new LinkedHashMap<>();
        plan.put(new ProtocolsJob(), new ProtocolsJob().params(Map.of()));
        plan.put(new HostsJob(), new HostsJob().params(Map.of("local-net", "10.0.0.0/8,2001:db8::/32")));
        plan.put(new PortscanJob(), new PortscanJob().params(Map.of()));
        List<FlowJson> flows = mixedFlows();
        Dataset<Row> lines = TestSpark.jsonLines(flows.stream().map(FlowJson::json).toArray(String[]::new));
        Dataset<Row> view = FlowsView.scan(lines);
        CombinedJobs combined = new CombinedJobs(plan);
        assertThat(combined.name()).isEqualTo("protocols+hosts+portscan");
        Dataset<Row> batch = combined.apply(view).cache();
        for (Map.Entry<JobDefinition, JobParams> e : plan.entrySet()) {
            JobDefinition job = e.getKey();
            List<JsonNode> expected = TestSpark.docs(job.documents(job.apply(view, e.getValue()), e.getValue()));
            List<JsonNode> actual = TestSpark.docs(combined.results(job, batch));
            assertThat(expected).as(job.name()).isNotEmpty();
            assertThat(actual).as(job.name()).isEqualTo(expected);
            assertThat(combined.results(job, batch).select("index").collectAsList())
                    .containsExactlyInAnyOrderElementsOf(job.documents(job.apply(view, e.getValue()), e.getValue())
                            .select("index").collectAsList());
        }
        batch.unpersist();
    }
}
