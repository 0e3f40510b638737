package io.stream4flow.cli.job;

import java.util.List;

/**
 * What {@link JobService#start} starts: a job of the catalog with parameters, or a user SQL job.
 *
 * @param name the job's name (a catalog job's, or the SQL job's {@code --name})
 * @param params {@code KEY=VALUE} of the job's parameters, as typed (validated by the runner)
 * @param localNet local networks (comma-separated CIDRs) for the jobs that take one, or {@code null}: the stack's
 *     own ({@code s4fctl up --local-net})
 * @param sqlQuery the SQL job's query over the table {@code flows}, or {@code null} for a catalog job
 * @param sqlEmit {@code alerts} or {@code stats}: what the SQL job's rows become ({@code null}: alerts)
 * @param master the Spark master the job runs on ({@code local[N]}, {@code spark://HOST:PORT}), or {@code null}: the
 *     stack's own ({@code s4fctl up --master})
 * @param sparkConf more Spark settings ({@code spark.KEY=VALUE}) of the job's driver, after the ones chosen for the
 *     master (so they win)
 */
public record JobRequest(String name, List<String> params, String localNet, String sqlQuery, String sqlEmit,
        String master, List<String> sparkConf) {
    public JobRequest {
        params = List.copyOf(params);
        sparkConf = List.copyOf(sparkConf);
    }

    /** A job of the catalog on the stack's master. */
    public static JobRequest catalog(String name, List<String> params, String localNet) {
        return new JobRequest(name, params, localNet, null, null, null, List.of());
    }

    /** A user SQL job on the stack's master. */
    public static JobRequest sql(String name, String query, String emit) {
        return new JobRequest(name, List.of(), null, query, emit, null, List.of());
    }

    /** The same job on {@code master} ({@code null}: the stack's) with {@code sparkConf}. */
    public JobRequest on(String master, List<String> sparkConf) {
        return new JobRequest(name, params, localNet, sqlQuery, sqlEmit, master, sparkConf);
    }

    public boolean isSql() {
        return sqlQuery != null;
    }
}
