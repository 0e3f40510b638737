package io.stream4flow.cli.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Running analysis jobs: the catalog's and user SQL jobs, each started job in a runner (a Spark driver JVM) of its
 * own with its own checkpoint, status file and log. What {@code s4fctl job ...} does and what a console calls.
 *
 * <p>Every method may block (it starts or waits for processes); call it off any UI thread. Refusals and failures are
 * {@link JobException}s with a one-line message.
 */
public interface JobService {

    /** The jobs of the catalog, then the user SQL jobs started before, each with its status. */
    List<JobInfo> list();

    /**
     * Validates the request (job, parameters, SQL) and starts the job in the background; returns once its runner
     * has started (state {@code starting}). A job stopped before resumes from its checkpoint.
     *
     * @throws JobException {@code USAGE} for an unknown job, a bad parameter, a bad query, or a job that runs
     *     already (started here or by the stack), a bad Spark master URL; {@code NOT_REACHABLE} when the stack is
     *     not running or the Spark master does not answer; {@code FAILED} when the runner cannot be started
     */
    JobStatus start(JobRequest request);

    /**
     * Stops a started job gracefully: SIGTERM, the runner stops its queries (a micro-batch under way finishes), at
     * most {@code grace} before it is killed. The checkpoint stays.
     *
     * @throws JobException {@code USAGE} when the job does not run or runs in the stack's own runner
     */
    JobStatus stop(String name, Duration grace);

    /** Every started job and every job of the stack's own runner, started ones first. */
    List<JobStatus> status();

    /**
     * One job's status.
     *
     * @throws JobException {@code USAGE} when no job of that name was started here nor runs in the stack
     */
    JobStatus status(String name);

    /**
     * The log of the job's runner (for a job of the stack, the stack runner's, which its jobs share).
     *
     * @throws JobException {@code USAGE} as {@link #status(String)}
     */
    Path log(String name);
}
