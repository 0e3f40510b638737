package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The update-mode jobs that are {@link CombinableJob}s (today {@code protocols}, {@code hosts} and {@code portscan})
 * as ONE streaming aggregation, so that
 * the runner reads and parses each flow once for all of them (Structured Streaming cannot run several independent
 * aggregations in one query).
 *
 * <p>Plan: every flow becomes "facts", one per job it matters to (two for a SYN-only flow in portscan; each job
 * says which, {@link CombinableJob#facts}, with its own predicates) plus one
 * {@code clock} fact: {@code (job, t, kind, src, key, num, measures...)}. {@code t} is the event-time key:
 * <pre>
 *   t = window_end(job) + watermark(job) - horizon      horizon = max over the jobs of (window + watermark)
 *   clock fact: t = flow_start                          (t of any fact &lt;= the flow's flow_start)
 * </pre>
 * {@code withWatermark(t, horizon)} then gives watermark = latest flow_start - horizon (the clock facts carry the
 * maximum and are dropped right after the watermark operator), and Spark drops or evicts a fact's group when
 * {@code t <= watermark}, that is when {@code window_end(job) <= latest flow_start - watermark(job)}: exactly the
 * rule of each job's own {@code window(flow_start)} + {@code withWatermark(flow_start, watermark)}. One
 * {@code groupBy(job, t, kind, src, key, num)} in update mode computes the union of the jobs' measures; the
 * micro-batch function ({@link #results}) splits the updated rows by job, has each job rebuild its
 * {@link JobDefinition#apply} columns ({@link CombinableJob#fromCombined}) and hands them to the job's own {@link JobDefinition#documents}, so
 * documents, ids and semantics are those of the per-job queries.
 *
 * <p>One difference: the event-time clock is shared: the latest {@code flow_start} of any flow, where each
 * per-job query used the latest of the flows it keeps (portscan: SYN-only flows; hosts: local sources). A window
 * closes when the traffic as a whole has moved past it.
 *
 * <p>Measures: count, sums (packets, bytes, duration in ms), TCP flag counts, and exact sets ({@code collect_set}) of the hosts'
 * peers and ports and of the portscan targets (sets are empty for the other jobs' groups).
 *
 * <p>Cost, measured (cluster README): slower than one query per job on 2 cores, because this one aggregation is
 * object-based (sets) and interpreted for every fact, where the per-job aggregations of protocols and portscan
 * are small or compiled. So the runner uses it only with {@code --combine}; it is kept, tested equal to the
 * per-job plans, as the base for moving the sets out of the shared aggregation.
 *
 * <p>{@code topn} is not part of it: it needs the complete counts of a window at once to rank them (append mode),
 * which an update-mode aggregation does not give; it stays a query of its own (second read and scan of the topic).
 */
public final class CombinedJobs {

    /** Whether {@code job} can be part of the combined aggregation. */
    public static boolean combinable(JobDefinition job) {
        return job instanceof CombinableJob && job.fields() == io.stream4flow.cluster.FlowsView.Fields.OMITTED;
    }

    private static final String CLOCK = "clock";

    private final Map<JobDefinition, JobParams> jobs;
    private final long horizonMs;

    /**
     * @param jobs members ({@link #combinable}) with their parameters, in the order documents are written
     * @throws IllegalArgumentException for an empty map or a job that is not a member
     */
    public CombinedJobs(Map<JobDefinition, JobParams> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no jobs to combine");
        }
        long horizon = 0;
        for (Map.Entry<JobDefinition, JobParams> e : jobs.entrySet()) {
            if (!combinable(e.getKey())) {
                throw new IllegalArgumentException("job " + e.getKey().name() + " cannot be combined");
            }
            horizon = Math.max(horizon, windowMs(e.getValue()) + watermarkMs(e.getValue()));
        }
        this.jobs = new LinkedHashMap<>(jobs);
        this.horizonMs = horizon;
    }

    /** The query name: the member names joined with {@code +} (the status file shows one line per member). */
    public String name() {
        return String.join("+", jobs.keySet().stream().map(JobDefinition::name).toList());
    }

    /** The members, in order. */
    public Map<JobDefinition, JobParams> jobs() {
        return java.util.Collections.unmodifiableMap(jobs);
    }

    /** The streaming (or batch) aggregation over the flows view; run it in update mode. */
    public Dataset<Row> apply(Dataset<Row> flows) {
        List<Column> facts = new ArrayList<>();
        facts.add(when(col("flow_start").isNotNull(), new Fact(CLOCK, col("flow_start"), null, null, null, null)
                .build()));
        for (Map.Entry<JobDefinition, JobParams> e : jobs.entrySet()) {
            facts.addAll(((CombinableJob) e.getKey()).facts(new Facts(e.getKey().name(), e.getValue()),
                    e.getValue()));
        }
        Column[] measures = {
            count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"),
            sum("duration_ms").as("duration_ms"),
            collect_set(col("peer")).as("peer_set"),
            collect_set(col("port")).as("port_set"),
            collect_set("target").as("target_set"),
            min("first_seen").as("first_seen"), max("last_seen").as("last_seen")};
        List<Column> aggs = new ArrayList<>(List.of(measures));
        for (int bit = 0; bit < HostsJob.TCP_FLAGS.size(); bit++) {
            aggs.add(sum(col("flags").bitwiseAND(1 << bit).notEqual(0).cast("long")).as(HostsJob.TCP_FLAGS
                    .get(bit)));
        }
        // explode of a plain array, then a filter: both compiled by whole-stage codegen; the higher-order
        // filter(array, f -> f IS NOT NULL) is interpreted (protocols+portscan: 35 s -> 27 s per million flows)
        return flows.select(explode(array(facts.toArray(Column[]::new))).as("f"))
                .filter(col("f").isNotNull())
                .select("f.*")
                .withWatermark("t", horizonMs + " milliseconds")
                // one predicate over t, so that the optimizer keeps it above the watermark operator
                .filter(when(col("job").equalTo(CLOCK), lit(false)).otherwise(col("t").isNotNull()))
                .groupBy(col("job"), col("t"), col("kind"), col("src"), col("key"), col("num"))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }

    /**
     * One micro-batch of {@link #apply}'s output as the documents of {@code job} ({@code id, index, json}), through
     * the job's own {@link JobDefinition#documents}.
     */
    public Dataset<Row> results(JobDefinition job, Dataset<Row> batch) {
        JobParams p = jobs.get(job);
        long endShift = horizonMs - watermarkMs(p);
        Column end = timestamp_micros(expr("unix_micros(t)").plus(endShift * 1000));
        Column window = struct(timestamp_micros(expr("unix_micros(t)").plus((endShift - windowMs(p)) * 1000))
                .as("start"), end.as("end")).as("window");
        Dataset<Row> rows = batch.filter(col("job").equalTo(job.name()));
        return job.documents(((CombinableJob) job).fromCombined(rows, window, p), p);
    }

    /** Makes the facts of one member job: each fact carries the job's name and its event-time key {@code t}. */
    public final class Facts {
        private final String job;
        private final Column t;

        private Facts(String job, JobParams p) {
            long windowMicros = windowMs(p) * 1000;
            Column start = expr("unix_micros(flow_start)");
            Column windowEnd = start.minus(expr("pmod(unix_micros(flow_start), " + windowMicros + ")"))
                    .plus(windowMicros);
            this.job = job;
            this.t = timestamp_micros(windowEnd.plus((watermarkMs(p) - horizonMs) * 1000));
        }

        /** True for the flows that have an event time (a fact of any other flow would have no window). */
        public Column timed() {
            return col("flow_start").isNotNull();
        }

        /** A fact of the group {@code (kind, src, key, num)} (null columns for those the job does not use). */
        public Fact fact(Column kind, Column src, Column key, Column num) {
            return new Fact(job, t, kind, src, key, num);
        }
    }

    private static long windowMs(JobParams p) {
        return p.duration(WindowParameters.WINDOW).toMillis();
    }

    private static long watermarkMs(JobParams p) {
        return p.duration(WindowParameters.WATERMARK).toMillis();
    }

    /** Builds one fact struct: every fact has every field (nulls where a job has no use for it). */
    public static final class Fact {
        private final Map<String, Column> fields = new LinkedHashMap<>();

        Fact(String job, Column t, Column kind, Column src, Column key, Column num) {
            fields.put("job", lit(job));
            fields.put("t", t);
            fields.put("kind", kind == null ? lit(null).cast("string") : kind);
            fields.put("src", src == null ? lit(null).cast("string") : src);
            fields.put("key", key == null ? lit(null).cast("string") : key);
            fields.put("num", num == null ? lit(null).cast("int") : num);
            fields.put("packets", lit(null).cast("long"));
            fields.put("bytes", lit(null).cast("long"));
            fields.put("duration_ms", lit(null).cast("long"));
            fields.put("flags", lit(0));
            fields.put("peer", lit(null).cast("string"));
            fields.put("port", lit(null).cast("int"));
            fields.put("target", lit(null).cast("string"));
            fields.put("first_seen", lit(null).cast("timestamp"));
            fields.put("last_seen", lit(null).cast("timestamp"));
        }

        /** Sets one measure's input: packets, bytes, duration_ms, flags, peer, port, target, first_seen, last_seen. */
        public Fact with(String name, Column value) {
            if (!fields.containsKey(name)) {
                throw new IllegalArgumentException(name);
            }
            fields.put(name, value);
            return this;
        }

        /** The flow's packets and bytes. */
        public Fact counters() {
            return with("packets", col("packets")).with("bytes", col("bytes"));
        }

        /** A target of a scan, with the flow's times. */
        public Fact scan(Column target) {
            return with("target", target).with("first_seen", col("flow_start")).with("last_seen", col("flow_end"));
        }

        /** The struct column. */
        public Column build() {
            return struct(fields.entrySet().stream().map(e -> e.getValue().as(e.getKey())).toArray(Column[]::new));
        }
    }
}
