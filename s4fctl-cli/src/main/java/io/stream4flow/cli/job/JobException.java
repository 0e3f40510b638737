package io.stream4flow.cli.job;

/**
 * A {@link JobService} operation refused or failed; the message is one line for the operator. The CLI maps
 * {@link #reason()} to its exit code in one place ({@code io.stream4flow.cli.Failures}); the console shows the message.
 */
public final class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation did not happen. */
    public enum Reason {
        /** What was asked is wrong: an unknown job, a bad parameter, a second instance, a job that does not run. */
        USAGE,
        /** The job or its runner failed (it exited at start, the catalog could not be read). */
        FAILED,
        /** What the job needs does not answer: the local stack (Kafka, Elasticsearch) or the Spark master. */
        NOT_REACHABLE
    }

    private final Reason reason;

    public JobException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
