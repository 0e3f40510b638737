package io.stream4flow.cluster.jobs.pattern;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The pattern finder's state per pair of hosts (both directions of their traffic in one group): pairs each flow with
 * its response into a biflow, turns the biflow's distances to the patterns into distributions summed per request
 * host, response host and tumbling window, and emits a window's row whenever it changed and is anomalous.
 *
 * <p>A flow waits for its response (the reverse flow of the same ports starting less than the configuration's
 * {@code time_difference} apart) across micro-batches, until the watermark passes its start plus that difference;
 * a window's sums are kept until the watermark passes the window's end. Flows of windows already closed are
 * dropped, as Spark's windowed aggregations drop them. At most {@link #MAX_PENDING} flows wait per pair: beyond
 * that the oldest is given up, so that a flood between two hosts cannot grow the state without bound.
 *
 * <p>Input columns: {@code a, b} (source and destination address), {@code sp, dp} (ports), {@code start, end}
 * (epoch ms), {@code pk, by} (packets, bytes) and {@code v} (the compared vector values); output {@link #SCHEMA}.
 */
public final class BiflowMatcher implements FlatMapGroupsWithStateFunction<String, Row, BiflowMatcher.State, Row> {

    private static final long serialVersionUID = 1L;

    /** Flows waiting for their response, per pair of hosts. */
    public static final int MAX_PENDING = 10_000;

    /** One row per anomalous (request host, response host, window), times in epoch ms. */
    public static final StructType SCHEMA = new StructType()
            .add("window_start", DataTypes.LongType).add("window_end", DataTypes.LongType)
            .add("src_ip", DataTypes.StringType).add("dst_ip", DataTypes.StringType)
            .add("dst_port", DataTypes.IntegerType).add("flows", DataTypes.LongType)
            .add("packets", DataTypes.LongType).add("bytes", DataTypes.LongType)
            .add("first_seen", DataTypes.LongType).add("last_seen", DataTypes.LongType)
            .add("patterns", DataTypes.createArrayType(new StructType().add("name", DataTypes.StringType)
                    .add("distribution", DataTypes.createArrayType(DataTypes.DoubleType))
                    .add("left", DataTypes.DoubleType).add("right", DataTypes.DoubleType)))
            .add("closest_patterns", DataTypes.createArrayType(DataTypes.StringType))
            .add("left", DataTypes.DoubleType).add("right", DataTypes.DoubleType);

    private final PatternConfig config;
    private final boolean streaming;

    /**
     * @param streaming whether the input is a stream (event-time watermark and timeouts) or a batch (all of a
     *     group's flows at once)
     */
    public BiflowMatcher(PatternConfig config, boolean streaming) {
        this.config = config;
        this.streaming = streaming;
    }

    /** A flow waiting for its response. */
    public static final class Half implements Serializable {
        private static final long serialVersionUID = 1L;
        String src;
        String dst;
        int srcPort;
        int dstPort;
        long start;
        long end;
        long packets;
        long bytes;
        double[] values;
    }

    /** The sums of one (request host, response host, window). */
    public static final class Window implements Serializable {
        private static final long serialVersionUID = 1L;
        String request;
        String response;
        long start;
        int serverPort;
        long biflows;
        long packets;
        long bytes;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double[][] distributions;
        boolean changed;
    }

    /** The state of one pair of hosts. */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<Half> pending = new ArrayList<>();
        final Map<String, Window> windows = new HashMap<>();
    }

    @Override
    public Iterator<Row> call(String pair, Iterator<Row> flows, GroupState<State> groupState) {
        State state = groupState.exists() ? groupState.get() : new State();
        long watermark = streaming ? groupState.getCurrentWatermarkMs() : Long.MIN_VALUE;
        long windowMs = config.window().toMillis();
        List<Half> arrived = new ArrayList<>();
        while (flows.hasNext()) {
            Half h = half(flows.next());
            if (Math.floorDiv(h.start, windowMs) * windowMs + windowMs > watermark) {
                arrived.add(h);
            }
        }
        arrived.sort(Comparator.comparingLong(h -> h.start));
        for (Half h : arrived) {
            Half partner = takePartner(state.pending, h);
            if (partner == null) {
                state.pending.add(h);
                if (state.pending.size() > MAX_PENDING) {
                    state.pending.remove(0);
                }
            } else {
                boolean hIsRequest = h.srcPort > partner.srcPort
                        || (h.srcPort == partner.srcPort && h.start < partner.start);
                add(state, hIsRequest ? h : partner, hIsRequest ? partner : h, windowMs);
            }
        }
        List<Row> out = new ArrayList<>();
        for (Window w : state.windows.values()) {
            if (w.changed) {
                w.changed = false;
                Row r = row(w, windowMs);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        long timeout = Long.MAX_VALUE;
        long diff = config.key().timeDifferenceMs();
        state.pending.removeIf(h -> h.start + diff <= watermark);
        state.windows.values().removeIf(w -> w.start + windowMs <= watermark);
        for (Half h : state.pending) {
            timeout = Math.min(timeout, h.start + diff);
        }
        for (Window w : state.windows.values()) {
            timeout = Math.min(timeout, w.start + windowMs);
        }
        if (state.pending.isEmpty() && state.windows.isEmpty()) {
            groupState.remove();
        } else {
            groupState.update(state);
            if (streaming) {
                groupState.setTimeoutTimestamp(timeout);
            }
        }
        return out.iterator();
    }

    private static Half half(Row r) {
        Half h = new Half();
        h.src = r.getString(0);
        h.dst = r.getString(1);
        h.srcPort = r.getInt(2);
        h.dstPort = r.getInt(3);
        h.start = r.getLong(4);
        h.end = r.isNullAt(5) ? h.start : r.getLong(5);
        h.packets = r.isNullAt(6) ? 0 : r.getLong(6);
        h.bytes = r.isNullAt(7) ? 0 : r.getLong(7);
        List<Double> v = r.getList(8);
        h.values = new double[v.size()];
        for (int i = 0; i < h.values.length; i++) {
            Double d = v.get(i);
            h.values[i] = d == null ? Double.NaN : d;
        }
        return h;
    }

    private Half takePartner(List<Half> pending, Half h) {
        long diff = config.key().timeDifferenceMs();
        for (int i = 0; i < pending.size(); i++) {
            Half p = pending.get(i);
            if (p.src.equals(h.dst) && p.dst.equals(h.src) && p.srcPort == h.dstPort && p.dstPort == h.srcPort
                    && Math.abs(p.start - h.start) < diff) {
                return pending.remove(i);
            }
        }
        return null;
    }

    private void add(State state, Half request, Half response, long windowMs) {
        long windowStart = Math.floorDiv(request.start, windowMs) * windowMs;
        String id = request.src + '|' + response.src + '|' + windowStart;
        List<PatternConfig.Pattern> patterns = config.patterns();
        Window w = state.windows.computeIfAbsent(id, k -> {
            Window n = new Window();
            n.request = request.src;
            n.response = response.src;
            n.start = windowStart;
            n.distributions = new double[patterns.size()][];
            for (int i = 0; i < patterns.size(); i++) {
                n.distributions[i] = new double[config.distribution(patterns.get(i).name()).intervals().length];
            }
            return n;
        });
        w.serverPort = response.srcPort;
        w.biflows++;
        w.packets += request.packets + response.packets;
        w.bytes += request.bytes + response.bytes;
        w.first = Math.min(w.first, Math.min(request.start, response.start));
        w.last = Math.max(w.last, Math.max(request.end, response.end));
        for (int i = 0; i < patterns.size(); i++) {
            PatternConfig.Pattern p = patterns.get(i);
            double d = Math.sqrt(squares(request.values, p.request()) + squares(response.values, p.response()));
            PatternConfig.Distribution dist = config.distribution(p.name());
            int pos = Double.isNaN(d) ? dist.intervals().length - 1 : dist.position(d);
            w.distributions[i][pos] += dist.weights()[pos];
        }
        w.changed = true;
    }

    /** The original's quadratic form: the sum of ((v - p) / p)^2 over the compared values. */
    static double squares(double[] values, double[] pattern) {
        double sum = 0;
        for (int i = 0; i < pattern.length; i++) {
            double r = (values[i] - pattern[i]) / pattern[i];
            sum += r * r;
        }
        return sum;
    }

    /** The output row of a window, or null when none of its distributions is anomalous. */
    private Row row(Window w, long windowMs) {
        List<PatternConfig.Pattern> patterns = config.patterns();
        List<Row> distributions = new ArrayList<>();
        List<String> closest = new ArrayList<>();
        double bestLeft = -1;
        double bestRight = 0;
        for (int i = 0; i < patterns.size(); i++) {
            PatternConfig.Distribution dist = config.distribution(patterns.get(i).name());
            double left = 0;
            double right = 0;
            double[] values = w.distributions[i].clone();
            for (int j = 0; j < values.length; j++) {
                if (j < dist.middle()) {
                    left += w.distributions[i][j];
                } else {
                    right += w.distributions[i][j];
                }
            }
            distributions.add(RowFactory.create(patterns.get(i).name(), values, left, right));
            if (left >= dist.limit() && left > right) {
                if (left > bestLeft) {
                    closest.clear();
                    bestLeft = left;
                    bestRight = right;
                }
                if (left == bestLeft) {
                    closest.add(patterns.get(i).name());
                    bestRight = Math.min(bestRight, right);
                }
            }
        }
        if (closest.isEmpty()) {
            return null;
        }
        // arrays, not Java lists: the row encoder takes Scala sequences or Java arrays
        return RowFactory.create(w.start, w.start + windowMs, w.request, w.response, w.serverPort, w.biflows,
                w.packets, w.bytes, w.first, w.last, distributions.toArray(Row[]::new),
                closest.toArray(String[]::new), bestLeft, bestRight);
    }
}
