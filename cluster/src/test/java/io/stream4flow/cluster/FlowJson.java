package io.stream4flow.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds flow JSON as the collector writes it ({@code "<scope>:<name>"} keys), for tests and benchmarks. */
public final class FlowJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private FlowJson() {
        fields.put("@type", "ipfix.entry");
        fields.put("ipfix:version", 10);
        fields.put("ipfix:exporterAddress", "192.0.2.1");
        fields.put("ipfix:exporterPort", 4739);
        fields.put("ipfix:odid", 0);
        fields.put("ipfix:templateId", 256);
        fields.put("ipfix:exportTime", 0L);
    }

    /** A TCP flow from src to dst:port with the given flags, starting at {@code startMs}, lasting 1 s, 1 packet. */
    public static FlowJson tcp(String src, String dst, int dstPort, int flags, long startMs) {
        boolean v6 = src.contains(":");
        String fam = v6 ? "IPv6" : "IPv4";
        return new FlowJson()
                .with("iana:source" + fam + "Address", src)
                .with("iana:destination" + fam + "Address", dst)
                .with("iana:sourceTransportPort", 40000)
                .with("iana:destinationTransportPort", dstPort)
                .with("iana:protocolIdentifier", 6)
                .with("iana:tcpControlBits", flags)
                .with("iana:packetDeltaCount", 1)
                .with("iana:octetDeltaCount", 60)
                .with("iana:flowStartMilliseconds", startMs)
                .with("iana:flowEndMilliseconds", startMs + 1000)
                .with("ipfix:exportTime", startMs + 2000);
    }

    /** A SYN-only flow (a scan probe). */
    public static FlowJson syn(String src, String dst, int dstPort, long startMs) {
        return tcp(src, dst, dstPort, 0x02, startMs);
    }

    /** A flow of the given protocol with packets and bytes. */
    public static FlowJson proto(int protocol, long packets, long bytes, long startMs) {
        return tcp("10.0.0.1", "10.0.0.2", 53, 0, startMs)
                .with("iana:protocolIdentifier", protocol)
                .without("iana:tcpControlBits")
                .with("iana:packetDeltaCount", packets)
                .with("iana:octetDeltaCount", bytes);
    }

    /** {@code n} flows, the {@code i}-th made by {@code flow.apply(i)}. */
    public static java.util.List<FlowJson> times(int n, java.util.function.IntFunction<FlowJson> flow) {
        java.util.List<FlowJson> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(flow.apply(i));
        }
        return out;
    }

    /** Sets (or replaces) one element. */
    public FlowJson with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Removes one element. */
    public FlowJson without(String key) {
        fields.remove(key);
        return this;
    }

    /** The JSON text. */
    public String json() {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return json();
    }
}
