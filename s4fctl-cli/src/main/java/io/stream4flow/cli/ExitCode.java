package io.stream4flow.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every s4fctl command, documented in each command's {@code --help}.
 *
 * <p>Choices for the collector verbs: a refused configuration file or flag is a usage error (2),
 * like an unknown option, since the fix is in what the user wrote; an address that cannot be bound
 * (port in use, no permission) or a collector or Kafka broker that cannot be reached
 * ({@code collector stats}, {@code kafka tail} with nothing listening) is 3, a failure of the
 * environment rather than of the command line; a Kafka topic that does not exist is 2, like a
 * file that does not exist.
 */
public final class ExitCode {
    /** Everything given was accepted (or sent, or served until stopped). */
    public static final int OK = 0;
    /**
     * Some input was rejected (counted in the summary); what was accepted is still output. For {@code job}: a job
     * failed (its runner exited at start, {@code job status} shows a failed job).
     */
    public static final int REJECTED = 1;
    /**
     * The command line was wrong: unknown option, missing argument, file or Kafka topic that does
     * not exist, a configuration key or value that is refused.
     */
    public static final int USAGE = 2;
    /**
     * An I/O or network error (output, an address in use, no collector or Kafka broker listening, a
     * server that failed to start), or an unexpected error.
     */
    public static final int FAILURE = 3;

    private ExitCode() { }

    /** Code to one-line description, in the form picocli shows under "Exit codes:". */
    static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(" " + OK, "success: all input accepted, sent, or served until stopped");
        m.put(" " + REJECTED, "some input rejected or unreadable (what was decoded or sent still counts); a job failed; "
                + "Elasticsearch refused a query");
        m.put(" " + USAGE, "usage error (unknown option, missing or nonexistent FILE or TOPIC, refused config key or value, "
                + "unknown job, bad job parameter, a job that runs already, a bad --filter, time or sort)");
        m.put(" " + FAILURE, "I/O error (output, address in use, collector, Kafka, Elasticsearch, the local stack or a "
                + "Spark master not reachable), or an unexpected error");
        return m;
    }
}
