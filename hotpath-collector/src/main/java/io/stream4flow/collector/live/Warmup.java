package io.stream4flow.collector.live;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.RecordFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the decoder and the output's encoder on generated IPFIX (the demo's office traffic, softflowd-like records)
 * before the listeners bind, so that the first datagrams of the exporters meet code the JIT has compiled: without
 * it the decode thread runs interpreted for the first seconds, falls behind, and the ring overflows at rates it
 * takes easily once warm. Throwaway decoder, exporter state and encoder: nothing reaches the sink, the metrics or
 * the template state. NetFlow v5 and v9 share the record path but not their header parsing, which stays cold.
 */
final class Warmup {
    private static final int MESSAGES = 200;

    private Warmup() { }

    /**
     * Decodes and encodes the generated messages over and over for {@code millis} (0: not at all).
     *
     * @return the records decoded
     */
    static long run(ElementRegistry registry, DecoderLimits limits, RecordFormat format, long millis) {
        if (millis <= 0) {
            return 0;
        }
        List<byte[]> messages = messages();
        FlowDecoder decoder = new FlowDecoder(registry, limits);
        RecordEncoder encoder = RecordEncoder.create(format, registry, limits.maxFieldsPerTemplate(),
                limits.maxListDepth());
        ExporterState exporter = new ExporterState(new byte[] {127, 0, 0, 1}, 4739, limits);
        long[] records = {0};
        long[] bytes = {0};
        long end = System.nanoTime() + millis * 1_000_000L;
        long now = System.currentTimeMillis();
        while (System.nanoTime() < end) {
            for (byte[] m : messages) {
                exporter.received(m.length, 4739);
                decoder.decode(exporter, m, 0, m.length, now, r -> {
                    encoder.encode(r);
                    bytes[0] += encoder.length();
                    records[0]++;
                });
            }
        }
        return bytes[0] >= 0 ? records[0] : 0;   // bytes read so the encoding is not optimised away
    }

    /** {@value #MESSAGES} IPFIX messages of demo traffic, the first with the template. */
    private static List<byte[]> messages() {
        long start = System.currentTimeMillis() - 60_000;
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), start, true, 1);
        DemoMessages writer = new DemoMessages(1);
        List<byte[]> out = new ArrayList<>(MESSAGES);
        List<DemoFlow> flows = new ArrayList<>();
        for (long t = start; out.size() < MESSAGES; t += 1_000) {
            flows.clear();
            scenario.flows(t, t + 1_000, 500, flows);
            for (int i = 0; i < flows.size() && out.size() < MESSAGES; i += DemoMessages.MAX_RECORDS) {
                ByteBuffer m = writer.message(flows, i, start);
                byte[] b = new byte[m.remaining()];
                m.get(b);
                out.add(b);
            }
        }
        return out;
    }
}
