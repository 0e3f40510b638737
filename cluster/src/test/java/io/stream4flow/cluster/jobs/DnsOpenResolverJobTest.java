package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class DnsOpenResolverJobTest {
    /** The start of a 10-minute window (the job's default). */
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 600_000;
    private static final Map<String, String> LOCAL = Map.of("local-net", "10.0.0.0/8");

    /** {@code n} UDP answers of {@code server} to clients {@code clientPrefix + 1..n}, one every 10 s. */
    private static List<FlowJson> answers(String server, String clientPrefix, int n) {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            flows.add(FlowJson.proto(17, 1, 400, T0 + i * 10_000L).with("iana:sourceIPv4Address", server)
                    .with("iana:destinationIPv4Address", clientPrefix + (i + 1))
                    .with("iana:sourceTransportPort", 53).with("iana:destinationTransportPort", 33_000 + i));
        }
        return flows;
    }

    @Test
    void nineAnswersToOutsidersAreNoAlertTen() {
        List<FlowJson> flows = answers("10.0.0.53", "198.51.100.", 9);
        DnsOpenResolverJob job = new DnsOpenResolverJob();
        assertThat(JobsTestSupport.run(job, LOCAL, flows)).isEmpty();

        flows.addAll(answers("10.0.0.53", "203.0.113.", 1));
        List<JsonNode> alerts = JobsTestSupport.run(job, LOCAL, flows);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.get("type").asText()).isEqualTo("dns_open_resolver");
            assertThat(a.get("src_ip").asText()).isEqualTo("10.0.0.53");
            assertThat(a.has("dst_ip")).isFalse();
            assertThat(a.get("flows").asLong()).isEqualTo(10);
            assertThat(a.get("targets").asLong()).isEqualTo(10);
            assertThat(a.get("bytes").asLong()).isEqualTo(10 * 400);
            assertThat(a.get("severity").asText()).isEqualTo("medium");
            assertThat(a.get("description").asText())
                    .isEqualTo("10.0.0.53 answered 10 DNS queries of 10 hosts outside the local networks");
            assertThat(a.get("evidence").get("sample_clients")).hasSize(10);
            assertThat(a.get("evidence").get("sample_clients").get(0).asText()).isEqualTo("198.51.100.1");
            assertThat(a.get("job").asText()).isEqualTo("dns_open_resolver");
        });
    }

    @Test
    void answersToLocalClientsAllowedClientsAllowedServersAndAllowedNamesAreSilent() {
        List<FlowJson> flows = new ArrayList<>(answers("10.0.0.53", "10.1.0.", 50));     // local clients
        flows.addAll(answers("10.0.0.54", "192.0.2.", 50));                            // allowed clients
        flows.addAll(answers("10.0.0.55", "198.51.100.", 50));                         // an authoritative server
        for (FlowJson f : answers("10.0.0.56", "203.0.113.", 50)) {                    // answers for its zone
            flows.add(f.with("flowmon:dnsQname", "WWW.Example.ORG."));
        }
        Map<String, String> allowed = Map.of("local-net", "10.0.0.0/8", "allowed-clients", "192.0.2.0/24",
                "allowed-servers", "10.0.0.55/32", "allowed-domains", "example.org");
        assertThat(JobsTestSupport.run(new DnsOpenResolverJob(), allowed, flows)).isEmpty();
        assertThat(JobsTestSupport.run(new DnsOpenResolverJob(), LOCAL, flows))
                .extracting(a -> a.get("src_ip").asText())
                .containsExactlyInAnyOrder("10.0.0.54", "10.0.0.55", "10.0.0.56");
    }

    @Test
    void aBadDomainListIsOneLineNamingTheParameter() {
        assertThatThrownBy(() -> new DnsOpenResolverJob().params(Map.of("local-net", "10.0.0.0/8",
                "allowed-domains", "example.org,exa mple.net")))
                .hasMessage("job dns_open_resolver: parameter allowed-domains: expected DNS names like "
                        + "example.org,example.net, got 'exa mple.net'");
    }
}
