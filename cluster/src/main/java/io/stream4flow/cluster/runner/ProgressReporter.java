package io.stream4flow.cluster.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each query's progress (input rows, rows per second, batch duration) at most once per interval per query,
 * and keeps a status file: one line per query, rewritten on each logged progress.
 *
 * <p>Called by Spark's listener bus thread.
 */
public final class ProgressReporter extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final long intervalMs;
    private final Path statusFile;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final Map<String, Long> rowsSinceLog = new ConcurrentHashMap<>();
    private final Map<String, String> status = new TreeMap<>();

    /**
     * @param intervalMs least time between two log lines of one query, in ms
     * @param statusFile file to keep the status lines in, or {@code null} for none
     */
    public ProgressReporter(long intervalMs, Path statusFile) {
        this.intervalMs = intervalMs;
        this.statusFile = statusFile;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("query {} started (id {})", event.name(), event.id());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        String name = p.name();
        long rows = rowsSinceLog.merge(name, p.numInputRows(), Long::sum);
        long now = System.currentTimeMillis();
        Long last = lastLogged.get(name);
        if (last != null && now - last < intervalMs) {
            return;
        }
        lastLogged.put(name, now);
        rowsSinceLog.put(name, 0L);
        String line = String.format("%s batch=%d inputRows=%d inputRowsSinceLastLine=%d processedRowsPerSecond=%.0f"
                + " batchMs=%s at=%s", name, p.batchId(), p.numInputRows(), rows, p.processedRowsPerSecond(),
                p.durationMs().get("triggerExecution"), Instant.ofEpochMilli(now));
        LOG.info(line);
        writeStatus(name, line);
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        // nothing new: no line
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        String reason = event.exception().isDefined() ? "failed: " + event.exception().get() : "stopped";
        LOG.info("query {} {}", event.id(), reason);
    }

    private synchronized void writeStatus(String name, String line) {
        if (statusFile == null) {
            return;
        }
        status.put(name, line);
        try {
            Path tmp = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
            Files.writeString(tmp, String.join("\n", status.values()) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write status file {}: {}", statusFile, e.getMessage());
        }
    }
}
