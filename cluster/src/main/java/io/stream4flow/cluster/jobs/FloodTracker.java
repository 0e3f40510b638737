package io.stream4flow.cluster.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The state of {@link DdosJob} per local host: the counters of its open windows and its normal rate, an exponentially
 * weighted moving average of the packets per second it received (all its inbound traffic) in its closed windows that
 * were no flood (memory {@code baseline}: each window weighs {@code window / baseline}; a window without traffic, or
 * one of a flood, counts as 0, so the average decays; the first such window sets it). A window's SYNs (kind
 * {@code syn}) or UDP packets ({@code udp}) are a flood when their rate reaches {@code min-pps}, their distinct
 * sources {@code min-sources}, and their rate {@code min-increase} times the host's normal rate before the window;
 * while one, the window is emitted in each micro-batch that changes it. Floods are left out of the average, so that
 * a long one does not become the normal; until a window that was no flood has closed the normal rate is unknown and
 * the absolute thresholds decide alone (a host seen first above them alerts until it has a quiet window).
 *
 * <p>Streaming: windows close when the watermark passes their end (flows of closed windows are dropped); batch: all
 * of a group's windows at once, in time order, each judged against the average of those before it. At most
 * {@link #MAX_SOURCES} distinct sources are kept per window and kind (the count is then a lower bound).
 *
 * <p>Input columns: {@code src, start, end, packets, bytes, port, kind (syn, udp or null for other traffic)};
 * output {@link #SCHEMA}.
 */
public final class FloodTracker implements FlatMapGroupsWithStateFunction<String, Row, FloodTracker.State, Row> {

    private static final long serialVersionUID = 1L;

    static final int MAX_SOURCES = 10_000;
    static final String[] KINDS = {"syn", "udp"};

    static final StructType SCHEMA = new StructType()
            .add("dst_ip", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("window_start", DataTypes.LongType).add("window_end", DataTypes.LongType)
            .add("flows", DataTypes.LongType).add("packets", DataTypes.LongType).add("bytes", DataTypes.LongType)
            .add("targets", DataTypes.LongType)
            .add("source_sample", DataTypes.createArrayType(DataTypes.StringType))
            .add("min_port", DataTypes.IntegerType).add("max_port", DataTypes.IntegerType)
            .add("first_seen", DataTypes.LongType).add("last_seen", DataTypes.LongType)
            .add("pps", DataTypes.DoubleType).add("baseline_pps", DataTypes.DoubleType);

    private final long windowMs;
    private final double weight;
    private final double minPps;
    private final int minSources;
    private final double minIncrease;
    private final boolean streaming;

    FloodTracker(long windowMs, long baselineMs, double minPps, int minSources, double minIncrease,
            boolean streaming) {
        this.windowMs = windowMs;
        this.weight = Math.min(1.0, (double) windowMs / baselineMs);
        this.minPps = minPps;
        this.minSources = minSources;
        this.minIncrease = minIncrease;
        this.streaming = streaming;
    }

    /** One kind's counters in one window. */
    static final class Counters implements Serializable {
        private static final long serialVersionUID = 1L;
        long flows;
        long packets;
        long bytes;
        final Set<String> sources = new HashSet<>();
        int minPort = Integer.MAX_VALUE;
        int maxPort = Integer.MIN_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean changed;
    }

    /** One window of a host: all its inbound packets, and the counters of each kind. */
    static final class Window implements Serializable {
        private static final long serialVersionUID = 1L;
        long packets;
        final Counters[] kinds = {new Counters(), new Counters()};
        boolean flood;
    }

    /** A host's open windows and normal rate. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        final TreeMap<Long, Window> windows = new TreeMap<>();
        double baselinePps;
        /** End of the last window folded into the average (no flood); -1 before the first. */
        long foldedUntil = -1;
    }

    @Override
    public Iterator<Row> call(String host, Iterator<Row> flows, GroupState<State> groupState) {
        State state = groupState.exists() ? groupState.get() : new State();
        long watermark = streaming ? groupState.getCurrentWatermarkMs() : Long.MIN_VALUE;
        while (flows.hasNext()) {
            Row r = flows.next();
            long start = r.getLong(1);
            long windowStart = Math.floorDiv(start, windowMs) * windowMs;
            if (windowStart + windowMs <= watermark) {
                continue;
            }
            Window w = state.windows.computeIfAbsent(windowStart, k -> new Window());
            long packets = r.isNullAt(3) ? 0 : r.getLong(3);
            w.packets += packets;
            int kind = r.isNullAt(6) ? -1 : r.getString(6).equals(KINDS[0]) ? 0 : 1;
            if (kind >= 0) {
                add(w.kinds[kind], r, start, packets);
            }
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<Long, Window> e : new ArrayList<>(state.windows.entrySet())) {
            long windowStart = e.getKey();
            Window w = e.getValue();
            boolean known = state.foldedUntil >= 0;
            double baseline = decayed(state, windowStart);
            for (int k = 0; k < KINDS.length; k++) {
                Counters c = w.kinds[k];
                double pps = c.packets * 1000.0 / windowMs;
                boolean flood = pps >= minPps && c.sources.size() >= minSources
                        && (!known || pps >= minIncrease * baseline);
                if (c.changed && flood) {
                    out.add(row(host, KINDS[k], windowStart, c, pps, known ? baseline : null));
                }
                w.flood |= flood;
                c.changed = false;
            }
            if (!streaming || windowStart + windowMs <= watermark) {
                // closing, in time order: the first quiet window sets the normal rate, a flood leaves it out
                if (!w.flood) {
                    double pps = w.packets * 1000.0 / windowMs;
                    state.baselinePps = known ? weight * pps + (1 - weight) * baseline : pps;
                    state.foldedUntil = windowStart + windowMs;
                }
                state.windows.remove(windowStart);
            }
        }
        if (state.windows.isEmpty() && state.baselinePps < 0.01) {
            groupState.remove();
        } else {
            groupState.update(state);
            if (streaming && !state.windows.isEmpty()) {
                groupState.setTimeoutTimestamp(state.windows.firstKey() + windowMs);
            }
        }
        return out.iterator();
    }

    private static void add(Counters c, Row r, long start, long packets) {
        c.flows++;
        c.packets += packets;
        c.bytes += r.isNullAt(4) ? 0 : r.getLong(4);
        if (c.sources.size() < MAX_SOURCES) {
            c.sources.add(r.getString(0));
        }
        if (!r.isNullAt(5)) {
            c.minPort = Math.min(c.minPort, r.getInt(5));
            c.maxPort = Math.max(c.maxPort, r.getInt(5));
        }
        c.first = Math.min(c.first, start);
        c.last = Math.max(c.last, r.isNullAt(2) ? start : r.getLong(2));
        c.changed = true;
    }

    /** The normal rate as of the window at {@code windowStart}: decayed over the windows without traffic since. */
    private double decayed(State state, long windowStart) {
        if (state.foldedUntil < 0 || windowStart <= state.foldedUntil) {
            return state.baselinePps;
        }
        long empty = (windowStart - state.foldedUntil) / windowMs;
        return state.baselinePps * Math.pow(1 - weight, empty);
    }

    private Row row(String host, String kind, long windowStart, Counters c, double pps, Double baseline) {
        String[] sample = c.sources.stream().sorted().limit(10).toArray(String[]::new);
        return RowFactory.create(host, kind, windowStart, windowStart + windowMs, c.flows, c.packets, c.bytes,
                (long) c.sources.size(), sample, c.minPort == Integer.MAX_VALUE ? null : c.minPort,
                c.maxPort == Integer.MIN_VALUE ? null : c.maxPort, c.first, c.last, pps, baseline);
    }
}
