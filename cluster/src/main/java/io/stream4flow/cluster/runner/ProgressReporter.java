package io.stream4flow.cluster.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each query's progress (input rows, rows per second, batch duration) at most once per interval per query,
 * and keeps the status file that {@code s4fctl status} and {@code s4fctl up} read.
 *
 * <p>Status file: one line per job, tab-separated: {@code job state batch
 * inputRowsPerSecond processedRowsPerSecond updatedMillis rows message batchMillis watermark progressMillis}.
 * {@code state} is {@code starting},
 * {@code running}, {@code stopped} or {@code failed}; {@code batch} is the last finished micro-batch (-1 before the
 * first); {@code rows} the input rows since this runner started; {@code message} empty or the failure (tabs and
 * line breaks replaced by spaces); {@code batchMillis} the last micro-batch's duration in ms (Spark's
 * {@code triggerExecution}, 0 before the first); {@code watermark} the query's event-time watermark after it, ISO-8601
 * UTC as Spark reports it, or empty when the query has none yet; {@code progressMillis} when the last micro-batch was
 * reported (epoch ms, 0 before the first; kept after the job stops). Rewritten atomically (rename) when a query starts or ends, and after a
 * micro-batch at most once a second per query. A query that runs several jobs (named {@code job+job+...}, see
 * {@code CombinedJobs}) updates the line of each of its jobs with its own numbers.
 *
 * <p>Called by Spark's listener bus thread.
 */
public final class ProgressReporter extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long STATUS_EVERY_MS = 1_000;

    private final long intervalMs;
    private final Path statusFile;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final Map<String, Long> rowsSinceLog = new ConcurrentHashMap<>();
    private final Map<String, Long> totalRows = new ConcurrentHashMap<>();
    private final Map<String, Long> lastStatus = new ConcurrentHashMap<>();
    private final Map<UUID, String> names = new ConcurrentHashMap<>();
    private final Map<String, String> status = new TreeMap<>();
    /** Per job: batch ms, watermark and progress time of its last micro-batch, kept for its later lines. */
    private final Map<String, String[]> lastBatch = new ConcurrentHashMap<>();

    /**
     * @param intervalMs least time between two log lines of one query, in ms
     * @param statusFile file to keep the status lines in, or {@code null} for none
     */
    public ProgressReporter(long intervalMs, Path statusFile) {
        this.intervalMs = intervalMs;
        this.statusFile = statusFile;
    }

    /** Marks the jobs about to start, before Spark reports them, so a reader sees them from the beginning. */
    public void starting(Iterable<String> jobs) {
        for (String job : jobs) {
            writeStatus(job, "starting", -1, 0, 0, 0, "", true);
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        names.put(event.id(), event.name());
        LOG.info("query {} started (id {})", event.name(), event.id());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        String name = p.name();
        long rows = rowsSinceLog.merge(name, p.numInputRows(), Long::sum);
        long total = totalRows.merge(name, p.numInputRows(), Long::sum);
        Long batchMs = p.durationMs().get("triggerExecution");
        String watermark = p.eventTime().getOrDefault("watermark", "");
        String[] batch = {batchMs == null ? "0" : batchMs.toString(), watermark == null ? "" : watermark,
                Long.toString(System.currentTimeMillis())};
        for (String job : jobs(name)) {
            lastBatch.put(job, batch);
            writeStatus(job, "running", p.batchId(), p.inputRowsPerSecond(), p.processedRowsPerSecond(), total, "",
                    false);
        }
        long now = System.currentTimeMillis();
        Long last = lastLogged.get(name);
        if (last != null && now - last < intervalMs) {
            return;
        }
        lastLogged.put(name, now);
        rowsSinceLog.put(name, 0L);
        LOG.info(String.format(Locale.ROOT, "%s batch=%d inputRows=%d inputRowsSinceLastLine=%d "
                + "processedRowsPerSecond=%.0f batchMs=%s at=%s", name, p.batchId(), p.numInputRows(), rows,
                p.processedRowsPerSecond(), p.durationMs().get("triggerExecution"), Instant.ofEpochMilli(now)));
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        // nothing new: no line
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        terminated(event.id(), event.exception().isDefined() ? event.exception().get() : null);
    }

    /**
     * A query stopped by the runner's shutdown hook: its jobs are written {@code stopped} now, on the hook's thread,
     * since Spark's listener bus may not deliver {@link #onQueryTerminated} before the JVM ends (a second line for
     * the same stop, when it does, says the same).
     */
    public void stopped(StreamingQuery query) {
        if (!query.isActive() && query.exception().isEmpty()) {
            terminated(query.id(), null);
        }
    }

    private void terminated(UUID id, String failure) {
        String name = names.getOrDefault(id, id.toString());
        LOG.info("query {} {}", name, failure != null ? "failed: " + failure : "stopped");
        for (String job : jobs(name)) {
            writeStatus(job, failure != null ? "failed" : "stopped", -2, 0, 0, totalRows.getOrDefault(name, 0L),
                    failure != null ? failure : "", true);
        }
    }

    /** The jobs a query runs: its name split at {@code +}. */
    private static String[] jobs(String queryName) {
        return queryName.split("\\+");
    }

    private synchronized void writeStatus(String name, String state, long batch, double inputPerSecond,
            double processedPerSecond, long rows, String message, boolean force) {
        if (statusFile == null) {
            return;
        }
        long now = System.currentTimeMillis();
        Long last = lastStatus.get(name);
        if (!force && last != null && now - last < STATUS_EVERY_MS) {
            return;
        }
        lastStatus.put(name, now);
        String previous = status.get(name);
        if (batch == -2) { // ended: keep the last batch number
            batch = previous == null ? -1 : Long.parseLong(previous.split("\t")[2]);
        }
        status.put(name, String.join("\t", name, state, Long.toString(batch),
                String.format(Locale.ROOT, "%.1f", Double.isNaN(inputPerSecond) ? 0 : inputPerSecond),
                String.format(Locale.ROOT, "%.1f", Double.isNaN(processedPerSecond) ? 0 : processedPerSecond),
                Long.toString(now), Long.toString(rows), message.replaceAll("[\\t\\r\\n]+", " "),
                String.join("\t", lastBatch.getOrDefault(name, new String[] {"0", "", "0"}))));
        try {
            Files.createDirectories(statusFile.toAbsolutePath().getParent());
            Path tmp = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
            Files.writeString(tmp, String.join("\n", status.values()) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write status file {}: {}", statusFile, e.getMessage());
        }
    }
}
