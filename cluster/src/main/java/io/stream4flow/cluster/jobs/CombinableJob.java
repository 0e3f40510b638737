package io.stream4flow.cluster.jobs;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A job that can be a member of {@link CombinedJobs}' one aggregation: it says which facts a flow gives it and
 * how its {@link #apply} rows are rebuilt from its groups of that aggregation. Its predicates stay in its own class,
 * used by both its {@code apply} and its {@link #facts}.
 */
public interface CombinableJob extends JobDefinition {

    /**
     * The facts of one flow for this job: struct columns built with {@code facts} (null where the flow does not
     * matter to the job, e.g. {@code when(predicate, fact)}).
     */
    List<Column> facts(CombinedJobs.Facts facts, JobParams params);

    /**
     * This job's {@link #apply} columns rebuilt from its rows of the combined aggregation (the group columns
     * {@code kind, src, key, num} and the measures {@code flows, packets, bytes, duration_ms, peer_set, port_set,
     * target_set, first_seen, last_seen} and the TCP flag counts of {@link HostsJob#TCP_FLAGS}), {@code window}
     * being the window of the row.
     */
    Dataset<Row> fromCombined(Dataset<Row> rows, Column window, JobParams params);
}
