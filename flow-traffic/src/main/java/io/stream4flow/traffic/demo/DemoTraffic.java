package io.stream4flow.traffic.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the {@link DemoScenario}'s traffic to a collector as IPFIX over UDP, in real time: every
 * {@link #TICK_MILLIS} the flows that ended since the last tick are exported, timestamped with the
 * wall clock, as a live probe with a short active timeout would. The service behind
 * {@code s4fctl demo} and {@code s4fctl up --demo}.
 *
 * <p>{@link #run} runs on the calling thread until {@link #stop} (any thread) or the duration ends.
 */
public final class DemoTraffic {
    static final long TICK_MILLIS = 100;

    /**
     * @param target the collector's IPFIX UDP address
     * @param ratePerSecond ordinary flows per second (the attacks come on top)
     * @param network the demo /24 (int form of {@link DemoFlow})
     * @param attacks whether the attacks run
     * @param durationMillis how long to run, 0 for until {@link #stop}
     * @param seed random seed of the scenario
     */
    public record Options(InetSocketAddress target, double ratePerSecond, int network, boolean attacks,
            long durationMillis, long seed) {
        public Options {
            if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
                throw new IllegalArgumentException("rate " + ratePerSecond + " is negative");
            }
            if (durationMillis < 0) {
                throw new IllegalArgumentException("duration " + durationMillis + " ms is negative");
            }
        }
    }

    /** What was sent. */
    public record Totals(long flows, long datagrams, long bytes) { }

    private volatile boolean stopped;
    private volatile long flows;
    private volatile long datagrams;
    private volatile long bytes;

    /**
     * Sends until stopped or the duration is over.
     *
     * @return what was sent
     * @throws IOException when the socket cannot be opened or a send fails
     */
    public Totals run(Options options) throws IOException {
        long start = System.currentTimeMillis();
        DemoScenario scenario = new DemoScenario(options.network(), start, options.attacks(), options.seed());
        DemoMessages writer = new DemoMessages(1);
        List<DemoFlow> batch = new ArrayList<>();
        try (DatagramChannel channel = DatagramChannel.open()) {
            long last = start;
            while (!stopped) {
                long now = System.currentTimeMillis();
                long until = options.durationMillis() > 0 ? Math.min(now, start + options.durationMillis()) : now;
                batch.clear();
                scenario.flows(last, until, options.ratePerSecond(), batch);
                send(channel, options.target(), writer, batch, now);
                last = until;
                if (options.durationMillis() > 0 && until >= start + options.durationMillis()) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            }
        }
        return totals();
    }

    /**
     * Not connected: like a probe, the feed goes on when nothing listens yet (a connected socket would
     * fail on the ICMP port-unreachable answer).
     */
    private void send(DatagramChannel channel, InetSocketAddress target, DemoMessages writer, List<DemoFlow> batch, long now)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        int from = 0;
        do {
            ByteBuffer message = writer.message(batch, from, now);
            int length = message.remaining();
            channel.send(message, target);
            datagrams++;
            bytes += length;
            from += Math.min(DemoMessages.MAX_RECORDS, batch.size() - from);
        } while (from < batch.size());
        flows += batch.size();
    }

    /** Makes {@link #run} return within a tick. */
    public void stop() {
        stopped = true;
    }

    /** What was sent so far (readable from any thread). */
    public Totals totals() {
        return new Totals(flows, datagrams, bytes);
    }
}
