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
 */
public record JobRequest(String name, List<String> params, String localNet, String sqlQuery, String sqlEmit) {
    public JobRequest {
        params = List.copyOf(params);
    }

    /** A job of the catalog. */
    public static JobRequest catalog(String name, List<String> params, String localNet) {
        return new JobRequest(name, params, localNet, null, null);
    }

    /** A user SQL job. */
    public static JobRequest sql(String name, String query, String emit) {
        return new JobRequest(name, List.of(), null, query, emit);
    }

    public boolean isSql() {
        return sqlQuery != null;
    }
}
