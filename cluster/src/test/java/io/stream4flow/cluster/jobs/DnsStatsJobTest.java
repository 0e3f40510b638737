package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class DnsStatsJobTest {
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 300_000;

    /** A resolver's answer (source port 53) to {@code client} for {@code name}, type {@code qtype}, rcode. */
    private static FlowJson answer(String resolver, String client, String name, int qtype, int rcode, long t) {
        return FlowJson.proto(17, 1, 200, t).with("iana:sourceIPv4Address", resolver)
                .with("iana:destinationIPv4Address", client).with("iana:sourceTransportPort", 53)
                .with("iana:destinationTransportPort", 40_000).with("flowmon:dnsQname", name)
                .with("flowmon:dnsQtype", qtype).with("flowmon:dnsFlagsCodes", 0x8180 | rcode);
    }

    @Test
    void namesNxdomainsCodesTypesClientsAndResolversPerWindow() {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flows.add(answer("10.0.0.53", "10.0.0.5", "WWW.Example.ORG.", 1, 0, T0 + i));
        }
        for (int i = 0; i < 3; i++) {
            flows.add(answer("10.0.0.53", "10.0.0.6", "mail.example.org", 28, 0, T0 + i));
        }
        flows.add(answer("10.0.0.53", "10.0.0.6", "nothere.example", 1, 3, T0));
        flows.add(answer("10.0.0.53", "10.0.0.6", "4.3.2.1.zen.spamhaus.org", 1, 3, T0));   // a blocklist lookup
        flows.add(answer("8.8.8.8", "10.0.0.7", "www.example.org", 1, 0, T0));                // outside resolver
        flows.add(answer("10.0.0.53", "198.51.100.9", "www.example.org", 1, 0, T0));          // asked from outside
        flows.add(FlowJson.proto(17, 1, 80, T0));                                             // no DNS elements
        List<JsonNode> docs = JobsTestSupport.run(new DnsStatsJob(), Map.of("local-net", "10.0.0.0/8", "n", "3"),
                flows);
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("type").asText()).isEqualTo("dns");
            assertThat(d.get("top_domains").toString()).isEqualTo("[{\"name\":\"www.example.org\",\"flows\":8},"
                    + "{\"name\":\"mail.example.org\",\"flows\":3},{\"name\":\"4.3.2.1.zen.spamhaus.org\",\"flows\":1}]");
            assertThat(d.get("top_nxdomains").toString()).isEqualTo("[{\"name\":\"nothere.example\",\"flows\":1}]");
            assertThat(d.get("rcodes").toString()).isEqualTo("[{\"rcode\":0,\"flows\":11},{\"rcode\":3,\"flows\":2}]");
            assertThat(d.get("qtypes").toString()).isEqualTo("[{\"qtype\":1,\"flows\":10},{\"qtype\":28,\"flows\":3}]");
            assertThat(d.get("top_clients").toString()).isEqualTo("[{\"ip\":\"10.0.0.5\",\"flows\":6},"
                    + "{\"ip\":\"10.0.0.6\",\"flows\":5},{\"ip\":\"10.0.0.7\",\"flows\":1}]");
            assertThat(d.get("external_resolvers").toString()).isEqualTo("[{\"ip\":\"8.8.8.8\",\"flows\":1}]");
            assertThat(d.get("local_resolvers_queried_from_outside").toString())
                    .isEqualTo("[{\"ip\":\"10.0.0.53\",\"flows\":1}]");
            assertThat(d.get("window").get("start").asText()).isEqualTo("2023-11-14T22:10:00.000Z");
        });
        assertThat(JobsTestSupport.run(new DnsStatsJob(), Map.of(), flows)).singleElement()
                .satisfies(d -> assertThat(d.get("external_resolvers").toString()).isEqualTo("[]"));
    }
}
