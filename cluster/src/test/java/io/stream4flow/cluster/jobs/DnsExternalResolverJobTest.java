package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class DnsExternalResolverJobTest {
    /** The start of a 10-minute window (the job's default). */
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 600_000;
    private static final Map<String, String> LOCAL = Map.of("local-net", "10.0.0.0/8,2001:db8::/32");

    /** {@code n} UDP lookups from {@code client} to {@code resolver}, one every 10 s (at most 60 in one window). */
    private static List<FlowJson> lookups(String client, String resolver, int n) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flows.add(FlowJson.proto(17, 1, 70, T0 + i * 10_000L).with("iana:sourceIPv4Address", client)
                    .with("iana:destinationIPv4Address", resolver));
        }
        return flows;
    }

    @Test
    void nineteenLookupsToAnOutsideResolverAreNoAlertTwentyAre() {
        List<FlowJson> flows = lookups("10.0.0.5", "203.0.113.53", 19);
        DnsExternalResolverJob job = new DnsExternalResolverJob();
        assertThat(JobsTestSupport.run(job, LOCAL, flows)).isEmpty();

        flows.addAll(lookups("10.0.0.5", "203.0.113.53", 1));
        List<JsonNode> alerts = JobsTestSupport.run(job, LOCAL, flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("dns_external_resolver");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.0.0.5");
            assertThat(a.get("dst_ip").asText()).isEqualTo("203.0.113.53");
            assertThat(a.get("dst_port").asInt()).isEqualTo(53);
            assertThat(a.get("flows").asLong()).isEqualTo(20);
            assertThat(a.get("bytes").asLong()).isEqualTo(20 * 70);
            assertThat(a.get("severity").asText()).isEqualTo("low");
            assertThat(a.get("window").get("start").asText()).isEqualTo("2023-11-14T22:10:00.000Z");
            assertThat(a.get("description").asText())
                    .isEqualTo("10.0.0.5 sent 20 DNS lookups to the outside resolver 203.0.113.53");
            assertThat(a.get("evidence").get("queries").asLong()).isEqualTo(20);
            assertThat(a.get("job").asText()).isEqualTo("dns_external_resolver");
        });
    }

    @Test
    void lookupsToTheLocalResolverOutsidersAndAllowedResolversAreSilent() {
        List<FlowJson> flows = new ArrayList<>(lookups("10.0.0.5", "10.0.0.53", 60));   // the local resolver
        flows.addAll(lookups("198.51.100.9", "203.0.113.53", 60));                     // not a local client
        flows.addAll(lookups("10.0.0.6", "192.0.2.53", 60));                           // allowed below
        flows.addAll(lookups("10.0.0.53", "198.51.100.1", 60));                        // the local resolver's recursion
        for (FlowJson f : lookups("10.0.0.7", "203.0.113.53", 60)) {
            flows.add(f.with("iana:destinationTransportPort", 443));                   // not DNS
        }
        Map<String, String> params = Map.of("local-net", "10.0.0.0/8", "allowed-resolvers", "192.0.2.0/24",
                "local-resolvers", "10.0.0.53/32");
        assertThat(JobsTestSupport.run(new DnsExternalResolverJob(), params, flows)).isEmpty();
        assertThat(JobsTestSupport.run(new DnsExternalResolverJob(), Map.of("local-net", "10.0.0.0/8"), flows))
                .extracting(a -> a.get("src_ip").asText()).containsExactlyInAnyOrder("10.0.0.6", "10.0.0.53");
    }

    @Test
    void theLocalNetworkIsRequired() {
        assertThatThrownBy(() -> new DnsExternalResolverJob().params(Map.of()))
                .hasMessageStartingWith("job dns_external_resolver: parameter local-net is required");
    }
}
