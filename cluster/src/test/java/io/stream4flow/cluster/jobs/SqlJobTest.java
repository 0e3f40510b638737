package io.stream4flow.cluster.jobs;

import static io.stream4flow.cluster.jobs.JobsTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;

class SqlJobTest {
    private static final String BUSY = "SELECT window, src_ip, count(*) AS flows, sum(bytes) AS bytes FROM flows "
            + "GROUP BY window(flow_start, '1 minute'), src_ip HAVING count(*) > 10";

    private static List<FlowJson> flows(String src, int n) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flows.add(FlowJson.tcp(src, "192.0.2.1", 443, 0x1B, T0 + i));
        }
        return flows;
    }

    @Test
    void eachResultRowIsAnAlertWithTheRowAsEvidenceAndAnIdOfItsKeys() {
        List<FlowJson> flows = new ArrayList<>(flows("10.0.0.1", 11));
        flows.addAll(flows("10.0.0.2", 10));
        SqlJob job = new SqlJob("busy_sources", BUSY, OutputKind.ALERTS);
        List<JsonNode> alerts = JobsTestSupport.run(job, Map.of(), flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("busy_sources");
            assertThat(a.get("job").asText()).isEqualTo("busy_sources");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.0.0.1");
            assertThat(a.has("dst_ip")).isFalse();
            assertThat(a.get("evidence").get("flows").asLong()).isEqualTo(11);
            assertThat(a.get("evidence").get("bytes").asLong()).isEqualTo(11 * 60);
            assertThat(a.get("@timestamp").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
            assertThat(a.get("window").get("start").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
            assertThat(a.get("description").asText()).startsWith("busy_sources: {\"window\":{");
        });
        flows.addAll(flows("10.0.0.1", 5));   // the same row with larger numbers keeps its id
        assertThat(JobsTestSupport.run(job, Map.of(), flows)).singleElement()
                .satisfies(a -> assertThat(a.get("id").asText()).isEqualTo(alerts.get(0).get("id").asText()));
    }

    @Test
    void withStatsEachRowIsAStatisticsDocument() {
        SqlJob job = new SqlJob("per_source", "SELECT window, src_ip, count(*) AS flows FROM flows "
                + "GROUP BY window(flow_start, '1 minute'), src_ip", OutputKind.STATISTICS);
        List<JsonNode> docs = JobsTestSupport.run(job, Map.of(), flows("10.0.0.1", 3));
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("type").asText()).isEqualTo("per_source");
            assertThat(d.get("flows").asLong()).isEqualTo(3);
            assertThat(d.get("window").get("start").asText()).isEqualTo("2023-11-14T22:13:00.000Z");
        });
        assertThat(JobsTestSupport.indices(job, Map.of(), flows("10.0.0.1", 3))).containsExactly("s4f-stats-2023.11.14");
    }

    @Test
    void aQueryThatDoesNotAnalyseIsRefusedWithSparksMessage() {
        assertThatThrownBy(() -> new SqlJob("bad", "SELECT no_such_column FROM flows", OutputKind.ALERTS)
                .validate(TestSpark.session()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--sql-query: ").hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> new SqlJob("bad", "SELEC src_ip FROM flows", OutputKind.ALERTS)
                .validate(TestSpark.session()))
                .hasMessageStartingWith("--sql-query: ");
        new SqlJob("good", BUSY, OutputKind.ALERTS).validate(TestSpark.session());
        assertThatThrownBy(() -> new SqlJob("Bad Name", BUSY, OutputKind.ALERTS))
                .hasMessageStartingWith("--sql-name: expected a lower-case word");
    }
}
