package io.stream4flow.cli.job;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where and how one job runs, from its runner's status file and the liveness of its process.
 *
 * @param name the job
 * @param origin {@link #STARTED} (by {@code s4fctl job start}, a runner of its own) or {@link #STACK} (one of the
 *     jobs of the stack's own runner, started by {@code s4fctl up})
 * @param state {@code starting}, {@code running}, {@code stopped} or {@code failed}
 * @param pid the runner's process while it is alive
 * @param batch the last finished micro-batch, -1 before the first
 * @param inputRowsPerSecond rows per second arriving, as of the last micro-batch
 * @param processedRowsPerSecond rows per second processed in the last micro-batch
 * @param batchMillis the last micro-batch's duration in ms (0: none yet)
 * @param progressMillis when the last micro-batch was reported, epoch ms (0: none yet)
 * @param watermark the event-time watermark after it, ISO-8601 UTC, or empty
 * @param message empty, or why it failed
 * @param log the runner's log file
 * @param checkpoint the job's checkpoint directory (kept by {@code stop})
 * @param master the Spark master it runs (or ran last) on: {@code local[*]}, {@code spark://HOST:PORT}
 */
public record JobStatus(String name, String origin, String state, OptionalLong pid, long batch,
        double inputRowsPerSecond, double processedRowsPerSecond, long batchMillis, long progressMillis,
        String watermark, String message, Path log, Path checkpoint, String master) {
    public static final String STARTED = "job";
    public static final String STACK = "up";

    public boolean running() {
        return pid.isPresent();
    }
}
