package io.stream4flow.collector.live;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.live.sink.RecordSink;
import io.stream4flow.collector.live.sink.SinkStats;
import io.stream4flow.collector.live.sink.Sinks;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.RecordFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the collector's own decode path (a {@link DecodeHandler}: ring event, decoder, encoder of the output's
 * format, sink call) on generated IPFIX (the demo's office traffic, softflowd-like records) before the listeners
 * bind, so that the first datagrams of the exporters meet code the JIT has compiled, with the type profiles the
 * live path has: without it the decode thread runs interpreted for the first seconds, falls behind, and the ring
 * overflows at rates it takes easily once warm. A throwaway handler (its own exporter table and state) and a
 * discarding sink: nothing reaches the output, the metrics or the template state. NetFlow v5 and v9 share the
 * record path but not their header parsing, which stays cold.
 */
final class Warmup {
    private static final int MESSAGES = 200;

    private Warmup() { }

    /**
     * Decodes and encodes the generated messages over and over for {@code millis} (0: not at all).
     *
     * @return the records decoded, encoded and handed to the (discarding) sink
     */
    static long run(ElementRegistry registry, DecoderLimits limits, RecordFormat format, long millis) {
        if (millis <= 0) {
            return 0;
        }
        List<byte[]> messages = messages();
        SinkStats counted = new SinkStats();
        RecordSink discard = Sinks.discard(format, counted);
        DecodeHandler handler = new DecodeHandler(0, registry, limits, discard, st -> { }, null, 0);
        PacketEvent e = new PacketEvent(2048);
        e.address[0] = 127;
        e.address[3] = 1;
        e.addressLength = 4;
        e.port = 4739;
        e.partition = 0;
        long end = System.nanoTime() + millis * 1_000_000L;
        long sequence = 0;
        while (System.nanoTime() < end) {
            for (byte[] m : messages) {
                System.arraycopy(m, 0, e.ensure(m.length), 0, m.length);
                e.length = m.length;
                e.receivedMillis = System.currentTimeMillis();
                handler.onEvent(e, sequence++, (sequence & 15) == 0);
            }
        }
        handler.onEvent(e, sequence, true);
        return counted.delivered.sum();
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
