package io.stream4flow.traffic.replay;

import io.stream4flow.traffic.capture.CaptureCounter;
import io.stream4flow.traffic.capture.CaptureFormatException;
import io.stream4flow.traffic.capture.CaptureReader;
import io.stream4flow.traffic.replay.ReplayInput.Item;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends exporter payloads to a collector over UDP, one payload per datagram, from one
 * {@link DatagramChannel}: the service behind {@code s4fctl replay}, for tests, demos and
 * benchmarks.
 *
 * <p>Pacing ({@link Options}): as fast as the socket takes them; or {@code ratePerSecond}
 * datagrams a second; or the captures' own timing scaled by {@code speed} (2 = twice as fast).
 * Both pace against absolute deadlines ({@code start + n / rate}, {@code start + capture time /
 * speed}), so the mean rate does not drift: the sender parks ({@link
 * LockSupport#parkNanos}) while it is more than {@link #SLACK_NANOS}
 * ahead and otherwise sends, which at high rates means small bursts of the datagrams that fell due
 * during one park (a park lasts ~50-60 µs on Linux). Under {@code speed}, payloads without a time
 * (raw files) go at once, a capture's first packet and a step back in time (the next capture
 * starting earlier) add no delay, and every pass of {@code loops} continues where the last ended.
 *
 * <p>A capture that cannot be read to its end (truncated, corrupt) sends what came before the bad
 * spot, is reported once on {@code notes} and left out of later passes. Sending errors (no route,
 * ...) end the replay with the {@link IOException}.
 *
 * <p>{@link #replay} runs on the calling thread; {@link #stop} may be called from any other
 * (e.g. a shutdown hook) and makes {@code replay} return after the datagram being sent. One replay
 * at a time per instance.
 */
public final class Replayer {
    /** How far ahead of its deadline a datagram may be sent rather than parking first (ns). */
    static final long SLACK_NANOS = 20_000;
    /** Longest single park (ns), so that a stop is noticed even if the wake-up is lost. */
    static final long MAX_PARK_NANOS = 100_000_000;
    private static final int SEND_BUFFER_BYTES = 4 << 20;
    private static final long NO_TIME = Long.MIN_VALUE;

    /**
     * What to send to and how fast.
     *
     * @param target the collector's address (resolved)
     * @param ratePerSecond datagrams per second, or 0 for no rate limit
     * @param speed factor applied to capture timing (2: twice as fast), or 0 to ignore timing;
     *     at most one of {@code ratePerSecond} and {@code speed} is non-zero
     * @param loops how many times the whole input is sent; 0 repeats until {@link #stop}
     */
    public record Options(InetSocketAddress target, double ratePerSecond, double speed, long loops) {
        public Options {
            if (!(ratePerSecond >= 0) || !(speed >= 0) || Double.isInfinite(ratePerSecond)
                    || Double.isInfinite(speed) || loops < 0) {
                throw new IllegalArgumentException("rate, speed and loops must be finite and >= 0");
            }
            if (ratePerSecond > 0 && speed > 0) {
                throw new IllegalArgumentException("a rate and a speed exclude each other");
            }
        }

        /** As fast as possible, once. */
        public static Options once(InetSocketAddress target) {
            return new Options(target, 0, 0, 1);
        }
    }

    /**
     * What was sent.
     *
     * @param datagrams datagrams sent
     * @param bytes UDP payload bytes sent
     * @param nanos from the first pass's start to the end
     * @param skipped capture packets not sent: not a UDP payload (ARP, TCP, fragments, ...) or
     *     larger than {@link ReplayInput#MAX_DATAGRAM_BYTES}; counted on every pass
     * @param unreadable captures that could not be read to their end
     * @param passes passes over the input completed
     * @param stopped whether {@link #stop} ended the replay
     */
    public record Result(long datagrams, long bytes, long nanos, long skipped, int unreadable, long passes,
            boolean stopped) {
        public double seconds() {
            return nanos / 1e9;
        }

        /** Datagrams per second over the whole replay (0 when nothing was sent). */
        public double datagramsPerSecond() {
            return nanos == 0 ? 0 : datagrams / seconds();
        }
    }

    private final Options options;
    private final Consumer<String> notes;
    private volatile boolean stopRequested;
    private volatile Thread runner;
    /** {@link #datagrams}, published for {@link #sent()} with an ordered store (a plain store on x86). */
    private final AtomicLong sent = new AtomicLong();
    private volatile long perPass = -1;

    // per replay, touched only by the replaying thread
    private DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(ReplayInput.MAX_DATAGRAM_BYTES);
    private long start;
    private long datagrams;
    private long bytes;
    private long skipped;
    private long virtualNanos;
    private long previousMillis = NO_TIME;

    /**
     * @param notes receives one line per capture that could not be read (called on the replaying
     *     thread)
     */
    public Replayer(Options options, Consumer<String> notes) {
        this.options = options;
        this.notes = notes;
    }

    /** Sends {@link ReplayInput#files(java.util.List) files}; see {@link #replay(ReplayInput)}. */
    public Result replay(List<Path> files) throws IOException {
        return replay(ReplayInput.files(files));
    }

    /**
     * Sends {@code input} {@code loops} times, on the calling thread. Returns early, with what was
     * sent, after {@link #stop} or an interrupt (the interrupt status is kept). A pass that sends
     * nothing ends the replay (an input without payloads does not loop forever).
     *
     * @throws IOException when sending fails
     */
    public Result replay(ReplayInput input) throws IOException {
        runner = Thread.currentThread();
        sent.set(0);
        perPass = -1;
        datagrams = 0;
        bytes = 0;
        skipped = 0;
        virtualNanos = 0;
        Set<Path> unreadable = new HashSet<>();
        long passes = 0;
        try (DatagramChannel ch = DatagramChannel.open()) {
            channel = ch;
            ch.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            start = System.nanoTime();
            while (!stopping() && (options.loops() == 0 || passes < options.loops())) {
                long before = datagrams;
                previousMillis = NO_TIME;
                for (Item item : input.items()) {
                    if (stopping()) {
                        break;
                    }
                    if (item.capture() == null) {
                        send(item.payload(), 0, item.payload().length, NO_TIME);
                    } else if (!unreadable.contains(item.capture())) {
                        if (!sendCapture(item.capture())) {
                            unreadable.add(item.capture());
                        }
                    }
                }
                if (stopping()) {
                    break;
                }
                passes++;
                if (passes == 1) {
                    perPass = datagrams;
                }
                if (datagrams == before) {
                    break;
                }
            }
            return new Result(datagrams, bytes, System.nanoTime() - start, skipped, unreadable.size(), passes,
                    stopping());
        } finally {
            channel = null;
            runner = null;
        }
    }

    /** Datagrams sent so far by the running (or last) replay; callable from any thread. */
    public long sent() {
        return sent.get();
    }

    /** Datagrams of one pass over the input, once the first pass is complete; -1 before. Any thread. */
    public long datagramsPerPass() {
        return perPass;
    }

    /** Makes a running {@link #replay} return soon; callable from any thread, idempotent. */
    public void stop() {
        stopRequested = true;
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private boolean stopping() {
        return stopRequested || Thread.currentThread().isInterrupted();
    }

    /** Sends every UDP payload of one capture; false when it could not be read to its end. */
    private boolean sendCapture(Path file) throws IOException {
        CaptureReader r;
        try {
            r = CaptureReader.open(file);
        } catch (IOException e) {
            notes.accept(describe(file, e));
            return false;
        }
        try (r) {
            while (!stopping() && r.next()) {
                if (r.payloadLength() > ReplayInput.MAX_DATAGRAM_BYTES) {
                    skipped++;
                } else {
                    send(r.payloadBuffer(), r.payloadOffset(), r.payloadLength(), r.timeMillis());
                }
            }
            return true;
        } catch (CaptureFormatException e) {
            notes.accept(describe(file, e));
            return false;
        } finally {
            skipped += r.count(CaptureCounter.PACKETS) - r.count(CaptureCounter.UDP_PAYLOADS);
        }
    }

    private void send(byte[] b, int off, int len, long timeMillis) throws IOException {
        long deadline = deadline(timeMillis);
        if (deadline != NO_TIME) {
            awaitDeadline(deadline);
            if (stopping()) {
                return;
            }
        }
        buffer.clear();
        buffer.put(b, off, len).flip();
        channel.send(buffer, options.target());
        datagrams++;
        sent.lazySet(datagrams);
        bytes += len;
    }

    /** When the next datagram is due (System.nanoTime), or NO_TIME for "now". */
    private long deadline(long timeMillis) {
        if (options.ratePerSecond() > 0) {
            return start + (long) (datagrams * (1e9 / options.ratePerSecond()));
        }
        if (options.speed() > 0 && timeMillis != NO_TIME) {
            if (previousMillis != NO_TIME && timeMillis > previousMillis) {
                virtualNanos += (timeMillis - previousMillis) * 1_000_000L;
            }
            previousMillis = timeMillis;
            return start + (long) (virtualNanos / options.speed());
        }
        return NO_TIME;
    }

    private void awaitDeadline(long deadline) {
        long wait = deadline - System.nanoTime();
        while (wait > SLACK_NANOS && !stopping()) {
            LockSupport.parkNanos(this, Math.min(wait, MAX_PARK_NANOS));
            wait = deadline - System.nanoTime();
        }
    }

    private static String describe(Path file, IOException e) {
        return e instanceof CaptureFormatException ? e.getMessage() : file + ": cannot read: " + e.getMessage();
    }
}
