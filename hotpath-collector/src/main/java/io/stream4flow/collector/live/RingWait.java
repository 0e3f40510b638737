package io.stream4flow.collector.live;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.List;
import java.util.stream.Stream;

/**
 * How an idle decode thread waits for the next ring event ({@code ring.wait} in the configuration):
 * the trade between idle CPU and the latency of the first datagram after a pause.
 */
public enum RingWait {
    /** Spins, yields, then parks {@value #SLEEP_PARK_NANOS} ns at a time: little idle CPU, at most ~0.2 ms late. The default. */
    SLEEPING("sleeping"),
    /** Sleeps on a lock until a reader publishes: no idle CPU, a wake-up per batch (costlier per datagram). */
    BLOCKING("blocking"),
    /** Spins, then yields the core: low latency, a core per decoder busy while idle (unless others want it). */
    YIELDING("yielding"),
    /** Spins without pause: lowest latency, a whole core per decoder always; only with cores to spare. */
    BUSY_SPIN("busy-spin");

    /** How long a sleeping decode thread parks between looks at the ring: bounds idle CPU and latency. */
    static final long SLEEP_PARK_NANOS = 200_000;
    private static final int SLEEP_RETRIES = 200;

    private final String configName;

    RingWait(String configName) {
        this.configName = configName;
    }

    /** The name in the configuration file ({@code busy-spin}). */
    public String configName() {
        return configName;
    }

    /** Every name the configuration accepts, in declaration order. */
    public static List<String> configNames() {
        return Stream.of(values()).map(RingWait::configName).toList();
    }

    /** The value named {@code name}, or null when none is. */
    public static RingWait named(String name) {
        for (RingWait w : values()) {
            if (w.configName.equals(name)) {
                return w;
            }
        }
        return null;
    }

    /** A new Disruptor wait strategy of this kind (one per ring). */
    WaitStrategy newStrategy() {
        return switch (this) {
            case SLEEPING -> new SleepingWaitStrategy(SLEEP_RETRIES, SLEEP_PARK_NANOS);
            case BLOCKING -> new BlockingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
