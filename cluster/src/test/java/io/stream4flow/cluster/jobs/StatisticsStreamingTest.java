package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-time semantics of the statistics and profiles, micro-batch by micro-batch: the window-ranking
 * statistics (append mode: dns, tls, topn) write a window's one document once the watermark has passed it, and
 * nothing for flows of it that come later; the host profile (update mode) is rewritten under its id as the day's
 * flows come and drops the flows of a day the watermark has passed.
 */
class StatisticsStreamingTest {
    /** The start of a 5-minute window. */
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 300_000;

    record Statistic(JobDefinition job, Map<String, String> params, LongFunction<List<FlowJson>> flows) {
        @Override
        public String toString() {
            return job.name();
        }
    }

    static Stream<Arguments> statistics() {
        return Stream.of(
                new Statistic(new DnsStatsJob(), Map.of("watermark", "10s"), t -> FlowJson.times(5, i -> FlowJson.proto(17, 1,
                        200, t + i).with("iana:sourceIPv4Address", "10.0.0.53")
                        .with("iana:destinationIPv4Address", "10.0.0.5").with("iana:sourceTransportPort", 53)
                        .with("iana:destinationTransportPort", 40_000).with("flowmon:dnsQname", "www.example.org")
                        .with("flowmon:dnsQtype", 1).with("flowmon:dnsFlagsCodes", 0x8180))),
                new Statistic(new TlsClassificationJob(), Map.of("watermark", "10s"), t -> FlowJson.times(5,
                        i -> FlowJson.tcp("10.0.0.5", "192.0.2.1", 443, 0x1B, t + i)
                                .with("flowmon:tlsCipherSuites", "0x00040005000A0009006400620003" + "0006"))),
                new Statistic(new TopNJob(), Map.of("watermark", "10s"), t -> FlowJson.times(5,
                        i -> FlowJson.tcp("10.0.0.5", "192.0.2." + (i + 1), 443, 0x1B, t + i))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statistics")
    void aWindowIsWrittenOnceWhenClosedAndItsLateFlowsAreDropped(Statistic s) throws Exception {
        List<List<String>> batches;
        try (MicroBatches run = new MicroBatches(s.job(), s.job().params(s.params()))) {
            run.send(s.flows().apply(T0 + 1_000));                 // 0: the window is open: nothing yet
            run.send(s.flows().apply(T0 + 2_000));                 // 1: more of it
            run.send(s.flows().apply(T0 + 3_600_000));             // 2: the watermark passes it: written
            run.send(s.flows().apply(T0 + 4_000));                 // 3: late for it: dropped
            batches = run.batches();
        }
        assertThat(batches.get(0)).isEmpty();
        assertThat(batches.get(1)).isEmpty();
        assertThat(batches.get(2)).as("the closed window's documents, once").isNotEmpty().doesNotHaveDuplicates();
        List<JsonNode> written = batches.get(2).stream().map(TestSpark::parse).toList();
        assertThat(written).allSatisfy(d -> assertThat(d.at("/window/start").asText())
                .isEqualTo(java.time.Instant.ofEpochMilli(T0).toString().replace("Z", ".000Z")));
        assertThat(batches.get(3)).as("late flows of the closed window").isEmpty();
    }

    @Test
    void theHostProfileIsRewrittenUnderItsIdAndDropsLateDays() throws Exception {
        HostProfileJob job = new HostProfileJob();
        long day = T0 - T0 % 86_400_000L;
        LongFunction<List<FlowJson>> flows = t -> FlowJson.times(3, i -> FlowJson.tcp("10.0.0.5", "192.0.2.1", 443, 0x1B,
                t + i));
        List<List<String>> batches;
        try (MicroBatches run = new MicroBatches(job, job.params(Map.of("local-net", "10.0.0.0/8")))) {
            run.send(flows.apply(day + 1_000));                    // 0: the day's first flows
            run.send(flows.apply(day + 3_600_000));                // 1: an hour later, the same day
            run.send(flows.apply(day + 2 * 86_400_000L));          // 2: two days later: the watermark passes it
            run.send(flows.apply(day + 7_200_000));                // 3: late for the first day
            batches = run.batches();
        }
        JsonNode first = TestSpark.parse(batches.get(0).get(0));
        JsonNode grown = TestSpark.parse(batches.get(1).get(0));
        assertThat(batches.get(0)).hasSize(1);
        assertThat(batches.get(1)).hasSize(1);
        assertThat(grown.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(first.get("flows").asLong()).isEqualTo(3);
        assertThat(grown.get("flows").asLong()).isEqualTo(6);
        assertThat(batches.get(2)).extracting(d -> TestSpark.parse(d).get("id").asText())
                .doesNotContain(first.get("id").asText());
        assertThat(batches.get(3)).as("flows of a day the watermark has passed").isEmpty();
    }
}
