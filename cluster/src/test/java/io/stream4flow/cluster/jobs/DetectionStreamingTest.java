package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-time semantics every detection shares, micro-batch by micro-batch through a MemoryStream: an attack is
 * alerted in the micro-batch in which it crosses the threshold (its window still open), its growth in the same
 * window comes under the same id, and once the watermark has passed the window the same attack sent again is dropped
 * as late (no document). (portscan and pattern_finder have their own streaming tests.)
 */
class DetectionStreamingTest {
    /** The start of a 10-minute window, so of the windows of every job here. */
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 600_000;
    private static final String LOCAL_NET = "10.0.0.0/8";

    /**
     * An attack: {@code (part, start)} gives its flows; part 0 crosses the threshold, part 1 adds to it (alone it
     * stays below, so it also moves the watermark without an alert of its own).
     */
    record Attack(JobDefinition job, Map<String, String> params, BiFunction<Integer, Long, List<FlowJson>> flows) {
        @Override
        public String toString() {
            return job.name();
        }
    }

    static Stream<Arguments> attacks() {
        Map<String, String> local = Map.of("local-net", LOCAL_NET, "watermark", "10s");
        return Stream.of(
                new Attack(new SshBruteforceJob(), Map.of("watermark", "10s"), (part, t) -> FlowJson.times(part == 0 ? 30 : 5,
                        i -> FlowJson.tcp("198.51.100.7", "10.0.0.22", 22, 0x1B, t + i * 100L)
                                .with("iana:sourceTransportPort", 40_000 + i + part * 100)
                                .with("iana:packetDeltaCount", 15).with("iana:octetDeltaCount", 3_000)
                                .with("iana:flowEndMilliseconds", t + i * 100L + 2_000))),
                new Attack(new DnsExternalResolverJob(), local, (part, t) -> FlowJson.times(part == 0 ? 20 : 5,
                        i -> udp("10.0.0.5", 33_000 + i + part * 100, "198.51.100.53", 53, 70, t + i * 100L))),
                new Attack(new DnsOpenResolverJob(), local, (part, t) -> FlowJson.times(part == 0 ? 10 : 3,
                        i -> udp("10.0.0.53", 53, "203.0.113." + (i + 1 + part * 50), 33_000, 400, t + i * 100L))),
                new Attack(new ReflectedDdosJob(), local, (part, t) -> {
                    List<FlowJson> flows = new ArrayList<>();
                    for (int i = 0; i < (part == 0 ? 500 : 100); i++) {
                        int port = 40_000 + i + part * 1_000;
                        flows.add(udp("192.0.2.77", port, "10.0.0.53", 53, 75, t + i * 20L));
                        flows.add(udp("10.0.0.53", 53, "192.0.2.77", port, 3_000, t + i * 20L + 1));
                    }
                    return flows;
                }),
                new Attack(new DdosJob(), local, (part, t) -> FlowJson.times(part == 0 ? 150 : 20,
                        i -> FlowJson.tcp("198.18." + part + "." + (i + 1), "10.0.0.80", 80, 0x02, t + i * 40L)
                                .with("iana:packetDeltaCount", 100))))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void alertedOnCrossingGrownInPlaceAndLateFlowsDropped(Attack attack) throws Exception {
        JobDefinition job = attack.job();
        List<List<String>> batches;
        try (MicroBatches run = new MicroBatches(job, job.params(attack.params()))) {
            run.send(attack.flows().apply(0, T0 + 1_000));                  // 0: crosses
            run.send(attack.flows().apply(1, T0 + 3_000));                  // 1: grows
            run.send(attack.flows().apply(1, T0 + 3_600_000));              // 2: watermark on, below
            run.send(attack.flows().apply(0, T0 + 5_000));                  // 3: late
            batches = run.batches();
        }
        List<JsonNode> first = batches.get(0).stream().map(TestSpark::parse).toList();
        List<JsonNode> grown = batches.get(1).stream().map(TestSpark::parse).toList();
        assertThat(first).as("alert when the threshold is crossed").hasSize(1);
        assertThat(grown).as("the growth, same window").hasSize(1);
        assertThat(grown.get(0).get("id").asText()).isEqualTo(first.get(0).get("id").asText());
        assertThat(grown.get(0).get("flows").asLong()).isGreaterThan(first.get(0).get("flows").asLong());
        assertThat(batches.get(2)).as("the watermark's move emits nothing").isEmpty();
        assertThat(batches.get(3)).as("the attack again, late for its window").isEmpty();
    }


    private static FlowJson udp(String src, int srcPort, String dst, int dstPort, long bytes, long t) {
        return FlowJson.proto(17, 1, bytes, t).with("iana:sourceIPv4Address", src)
                .with("iana:destinationIPv4Address", dst).with("iana:sourceTransportPort", srcPort)
                .with("iana:destinationTransportPort", dstPort).with("iana:flowEndMilliseconds", t);
    }
}
