package io.stream4flow.bench.stack;

import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoMessages;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Alert latency: with the collector, the jobs and the demo traffic (background load, its own scans every minute)
 * running, {@code trials} horizontal SYN scans of {@value #TARGETS} hosts, each from a source address of its own
 * (198.18.0.0/15, RFC 2544), are sent to the collector, a few seconds apart, at random moments of the jobs'
 * trigger cycle. For each, the latency is from the moment the scan's last datagram left the sender to the
 * arrival of its alert on Kafka {@code alerts}.
 */
final class AlertLatency {
    static final int TARGETS = 30;
    private static final long WAIT_MS = 60_000;

    private AlertLatency() {
    }

    static String run(LocalStack stack, int trials) throws Exception {
        StackBench.start(stack, "collector");
        if (StackBench.component(stack, "jobs").process().isEmpty()) {
            StackBench.start(stack, "jobs");
        }
        StackBench.start(stack, "demo");
        InetSocketAddress collector = new InetSocketAddress("127.0.0.1", stack.settings().ipfixPort());
        DemoMessages writer = new DemoMessages(77);
        SplittableRandom random = new SplittableRandom(5);
        List<Double> latencies = new ArrayList<>();
        int lost = 0;
        try (AlertsConsumer alerts = new AlertsConsumer(stack.settings().kafkaBootstrap());
                DatagramChannel channel = DatagramChannel.open()) {
            Thread.sleep(10_000); // the demo's traffic flows through the jobs
            for (int trial = 0; trial < trials; trial++) {
                int src = DemoFlow.ipv4(198, 18, trial / 250, 1 + trial % 250);
                long now = System.currentTimeMillis();
                List<DemoFlow> scan = new ArrayList<>();
                for (int i = 0; i < TARGETS; i++) {
                    scan.add(new DemoFlow(src, DemoFlow.ipv4(10, 99, 0, 1 + i), 40_000 + i, 8443, DemoFlow.TCP,
                            DemoFlow.SYN, 1, 44, now, now));
                }
                for (int i = 0; i < scan.size(); i += DemoMessages.MAX_RECORDS) {
                    ByteBuffer m = writer.message(scan, i, now);
                    channel.send(m, collector);
                }
                long sentAt = System.currentTimeMillis();
                String source = DemoFlow.text(src);
                Long arrived = null;
                while (arrived == null && System.currentTimeMillis() - sentAt < WAIT_MS) {
                    Thread.sleep(5);
                    arrived = alerts.firstOf(source);
                }
                if (arrived == null) {
                    lost++;
                    StackBench.log("latency: no alert for " + source + " within " + WAIT_MS / 1000 + " s");
                } else {
                    latencies.add((arrived - sentAt) / 1000.0);
                    StackBench.log(String.format(Locale.ROOT, "latency: scan %d from %s: %.2f s", trial + 1, source,
                            (arrived - sentAt) / 1000.0));
                }
                Thread.sleep(2_000 + random.nextInt(3_000));
            }
        }
        if (latencies.isEmpty()) {
            return "alert latency: no alert arrived for any of " + trials + " scans";
        }
        Collections.sort(latencies);
        return String.format(Locale.ROOT, "alert latency, last scan datagram -> alert on Kafka (%d scans, %d without "
                + "alert): p50 %.2f s, p95 %.2f s, max %.2f s (goal p95 <= 5 s)", trials, lost,
                StackBench.percentile(latencies, 50), StackBench.percentile(latencies, 95),
                latencies.get(latencies.size() - 1));
    }
}
