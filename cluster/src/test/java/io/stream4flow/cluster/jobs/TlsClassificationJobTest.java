package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;

class TlsClassificationJobTest {
    private static final long T0 = JobsTestSupport.T0 - JobsTestSupport.T0 % 300_000;

    private static FlowJson hello(String suitesHex, long t) {
        return FlowJson.tcp("10.0.0.5", "192.0.2.1", 443, 0x1B, t).with("flowmon:tlsCipherSuites", suitesHex);
    }

    @Test
    void theDictionaryHasTheOriginalsLists() {
        Map<String, String[]> d = TlsClassificationJob.dictionary();
        assertThat(d).hasSizeGreaterThan(150);
        assertThat(d.get("0x0004,0x0005,0x000a,0x0009,0x0064,0x0062,0x0003,0x0006"))
                .containsExactly("Desktop", "Windows", "Browser", "MSIE");
    }

    @Test
    void clientsAreCountedByWhatTheDictionarySaysAndUnknownsAsUnknown() {
        List<FlowJson> flows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {   // Desktop;Windows;Browser;MSIE
            flows.add(hello("0x0004000500" + "0A0009006400620003" + "0006", T0 + i));
        }
        flows.add(hello("0x00040005000800090" + "00a002f", T0));   // ;;Browser;Safari: no device, no system
        flows.add(hello("0xc02bc02f", T0));                      // not in the dictionary
        flows.add(FlowJson.tcp("10.0.0.5", "192.0.2.1", 443, 0x1B, T0)); // no TLS element: not counted
        List<JsonNode> docs = JobsTestSupport.run(new TlsClassificationJob(), Map.of(), flows);
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("type").asText()).isEqualTo("tls");
            assertThat(d.get("flows").asLong()).isEqualTo(5);
            assertThat(d.get("classified").asLong()).isEqualTo(4);
            assertThat(d.get("device_types").toString())
                    .isEqualTo("[{\"name\":\"Desktop\",\"flows\":3},{\"name\":\"unknown\",\"flows\":2}]");
            assertThat(d.get("operating_systems").toString())
                    .isEqualTo("[{\"name\":\"Windows\",\"flows\":3},{\"name\":\"unknown\",\"flows\":2}]");
            assertThat(d.get("applications").toString())
                    .isEqualTo("[{\"name\":\"Browser\",\"flows\":4},{\"name\":\"unknown\",\"flows\":1}]");
            assertThat(d.get("browsers").toString()).isEqualTo("[{\"name\":\"MSIE\",\"flows\":3},"
                    + "{\"name\":\"Safari\",\"flows\":1},{\"name\":\"unknown\",\"flows\":1}]");
        });
    }
}
