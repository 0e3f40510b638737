package io.stream4flow.bench.stack;

import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.traffic.demo.DemoScenario;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPFIX messages of the throughput fill: demo traffic with its attacks ({@link DemoScenario}, seed
 * {@value #SEED}, network 10.10.0.0/24), 15 minutes of event time ending at a given instant, in
 * {@link DemoMessages} of one exporter (observation domain 1), 100 ms of flows at a time. The messages hold exactly
 * {@code n} data records in all (the last message is cut short), and no options records.
 *
 * <p>The flows depend only on the seed, {@code n} and the times relative to the end: two walks with different end
 * instants give the same flows shifted in time. Both the Kafka fill ({@link JobsThroughput#fill}) and the nfdump
 * reference ({@link NfdumpReference}) walk them, so both measure the same flows.
 */
final class DemoFill {
    static final long SEED = 11;
    static final long SPAN_MILLIS = 15 * 60_000L;

    /** Receives each message in order; {@code message} is valid only during the call. */
    interface MessageConsumer {
        void accept(byte[] message, int records) throws IOException, InterruptedException;
    }

    private DemoFill() {
    }

    /**
     * Walks the messages of {@code n} flows ending at {@code endMillis} (epoch ms), handing each to {@code out}.
     *
     * @return the number of messages
     */
    static long messages(long n, long endMillis, MessageConsumer out) throws IOException, InterruptedException {
        long from = endMillis - SPAN_MILLIS;
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), from, true, SEED);
        double eventsPerSecond = n / (SPAN_MILLIS / 1000.0) / 1.9; // most events are two flows
        DemoMessages writer = new DemoMessages(1);
        List<DemoFlow> flows = new ArrayList<>();
        long written = 0;
        long messages = 0;
        for (long t = from; written < n; t += 100) {
            flows.clear();
            scenario.flows(t, t + 100, eventsPerSecond, flows);
            if (flows.size() > n - written) {
                flows.subList((int) (n - written), flows.size()).clear();
            }
            for (int i = 0; i < flows.size(); i += DemoMessages.MAX_RECORDS) {
                int records = Math.min(DemoMessages.MAX_RECORDS, flows.size() - i);
                ByteBuffer m = writer.message(flows, i, Math.min(t + 100, endMillis));
                byte[] bytes = new byte[m.remaining()];
                m.get(bytes);
                out.accept(bytes, records);
                written += records;
                messages++;
            }
        }
        return messages;
    }
}
