package io.stream4flow.collector.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected exceptions on the decode threads (a bug in a decoder, encoder or sink, not bad input,
 * which the decoders count themselves): counted by the stage that threw, and logged at a bounded
 * rate, at most one line per stage per {@link #LOG_INTERVAL_NANOS} with the number of exceptions
 * not logged since the previous line. The decode thread then goes on with the next event.
 *
 * <p>Thread-safe: any decode thread may call {@link #record}; the counters are read by the metrics
 * endpoint. Only exceptions pay for anything here (a clock read, a CAS, a log line at most once per
 * interval); nothing runs per record.
 */
final class RingErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RingErrors.class);

    /** Stages, the {@code reason} label of {@code s4f_collector_ring_exceptions_total}. */
    static final int DECODE = 0;
    static final int ENCODE = 1;
    static final int SINK = 2;
    static final int STATE = 3;
    static final int START = 4;
    static final int SHUTDOWN = 5;
    static final int OTHER = 6;
    /** Label values by stage; stable names (dashboards and alerts use them). */
    static final String[] REASONS = {"decode", "encode", "sink", "state", "start", "shutdown", "other"};

    /** At most one log line per stage per this many nanoseconds: 10 s. */
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Where the bounded log lines go (SLF4J in the collector; a list in tests). */
    interface Log {
        void warn(String line, Throwable t);
    }

    private final LongAdder[] counts = new LongAdder[REASONS.length];
    /** Per stage: the clock at the last line logged, or {@code Long.MIN_VALUE} before any. */
    private final AtomicLongArray lastLogged = new AtomicLongArray(REASONS.length);
    /** Per stage: exceptions counted but not logged since the last line. */
    private final AtomicLong[] suppressed = new AtomicLong[REASONS.length];
    private final LongSupplier nanoClock;
    private final Log log;

    RingErrors() {
        this(System::nanoTime, (line, t) -> LOG.warn(line, t));
    }

    RingErrors(LongSupplier nanoClock, Log log) {
        this.nanoClock = nanoClock;
        this.log = log;
        for (int i = 0; i < REASONS.length; i++) {
            counts[i] = new LongAdder();
            suppressed[i] = new AtomicLong();
            lastLogged.set(i, Long.MIN_VALUE);
        }
    }

    /**
     * Counts one exception of {@code stage} and logs it unless a line for that stage was logged
     * less than {@link #LOG_INTERVAL_NANOS} ago.
     *
     * @param where what the decode thread was doing, for the log line ({@code "decoder 0, sequence 17"})
     * @return true when a line was logged
     */
    boolean record(int stage, Throwable t, String where) {
        int s = stage >= 0 && stage < REASONS.length ? stage : OTHER;
        counts[s].increment();
        long now = nanoClock.getAsLong();
        long last = lastLogged.get(s);
        if (last != Long.MIN_VALUE && now - last < LOG_INTERVAL_NANOS || !lastLogged.compareAndSet(s, last, now)) {
            suppressed[s].incrementAndGet();
            return false;
        }
        long skipped = suppressed[s].getAndSet(0);
        log.warn("unexpected exception in " + REASONS[s] + " (" + where + "): " + t
                + "; the decoder goes on with the next event"
                + (skipped > 0 ? "; " + skipped + " more " + REASONS[s] + " exception(s) since the last line, not logged" : "")
                + " [s4f_collector_ring_exceptions_total{reason=\"" + REASONS[s] + "\"} " + counts[s].sum() + "]", t);
        return true;
    }

    /** Exceptions counted for {@code stage} since start. */
    long count(int stage) {
        return counts[stage].sum();
    }
}
