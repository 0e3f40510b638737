package io.stream4flow.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a {@link ReplayStream} to one UDP address at a target rate in records per second, for a
 * fixed time, from the calling thread. Pacing: the number of records due is computed from the clock;
 * the datagrams due are sent back to back (a burst), then the thread parks until the next one is
 * due. It never spins, so it leaves the machine's other core to the receiver; with Linux's timer
 * slack a park lasts at least ~60 µs, so bursts hold a few datagrams at the highest rates.
 *
 * <p>One blocking, connected {@link DatagramChannel} from 127.0.0.1: one exporter, as softflowd is.
 */
final class PacedSender implements AutoCloseable {
    private static final long MAX_PARK_NANOS = 1_000_000L;
    private final DatagramChannel channel;
    private final InetSocketAddress target;

    /** What one {@link #send} did. */
    record Sent(long datagrams, long dataRecords, long allRecords, long bytes, long nanos, long cpuNanos,
                long sendErrors) {
        double seconds() {
            return nanos / 1e9;
        }

        /** Records (data and options) per second actually sent. */
        double recordsPerSecond() {
            return allRecords / seconds();
        }

        double datagramsPerSecond() {
            return datagrams / seconds();
        }
    }

    PacedSender(InetSocketAddress target) throws IOException {
        this.target = target;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(target);
        channel.configureBlocking(true);
    }

    /**
     * Sends for {@code durationNanos} at {@code recordsPerSecond} (counting data and options
     * records), continuing the cursor's stream.
     */
    Sent send(ReplayStream.Cursor cursor, double recordsPerSecond, long durationNanos) {
        return send(cursor, recordsPerSecond, durationNanos, Long.MAX_VALUE);
    }

    /**
     * Like {@link #send(ReplayStream.Cursor, double, long)}, but stops after {@code maxDatagrams} datagrams too,
     * whichever comes first.
     */
    Sent send(ReplayStream.Cursor cursor, double recordsPerSecond, long durationNanos, long maxDatagrams) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        ByteBuffer buf = null;
        byte[] wrapped = null;
        long datagrams = 0;
        long data = 0;
        long all = 0;
        long bytes = 0;
        long errors = 0;
        double nanosPerRecord = 1e9 / recordsPerSecond;
        long start = System.nanoTime();
        long end = start + durationNanos;
        long now = start;
        while (now < end && datagrams < maxDatagrams) {
            long due = (long) ((now - start) / nanosPerRecord) + 1;
            while (all < due && datagrams < maxDatagrams) {
                byte[] m = cursor.peek();
                if (m != wrapped) {
                    buf = ByteBuffer.wrap(m);
                    wrapped = m;
                } else {
                    buf.clear();
                }
                try {
                    channel.write(buf);
                } catch (IOException e) {
                    errors++; // ICMP port unreachable: nothing listens (the receiver died)
                }
                datagrams++;
                bytes += m.length;
                data += cursor.dataRecords();
                all += cursor.allRecords();
                cursor.advance();
            }
            now = System.nanoTime();
            long next = start + (long) (all * nanosPerRecord);
            if (next > now) {
                LockSupport.parkNanos(Math.min(next - now, MAX_PARK_NANOS));
                now = System.nanoTime();
            }
        }
        long elapsed = now - start;
        return new Sent(datagrams, data, all, bytes, elapsed, threads.getCurrentThreadCpuTime() - cpu0, errors);
    }

    InetSocketAddress target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
