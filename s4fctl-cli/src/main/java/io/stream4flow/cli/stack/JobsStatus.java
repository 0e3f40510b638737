package io.stream4flow.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Spark jobs' status file ({@code jobs/status.tsv}), which the job runner rewrites (atomically,
 * by rename) when a query starts, after each micro-batch at most once a second, and when a query
 * stops. One line per job, tab-separated: {@code job state batch inputRowsPerSecond
 * processedRowsPerSecond updatedMillis rows message batchMillis watermark progressMillis}; {@code state} is
 * {@code starting}, {@code running},
 * {@code stopped} or {@code failed}; {@code batch} is the last finished micro-batch, -1 before the
 * first; {@code rows} the input rows since the runner started; {@code message} is empty or the failure;
 * {@code batchMillis} the last micro-batch's duration (ms), {@code watermark} the event-time watermark after it
 * (ISO-8601, empty when none), {@code progressMillis} when it was reported (epoch ms, 0: none yet). The last three
 * are absent in the files of older runners and read as 0, empty, 0.
 * Written by the cluster module's {@code ProgressReporter}.
 */
public record JobsStatus(List<Job> jobs) {
    public static final String FILE = "status.tsv";

    /** One job's line. */
    public record Job(String name, String state, long batch, double inputRowsPerSecond,
            double processedRowsPerSecond, long updatedMillis, long rows, String message, long batchMillis,
            String watermark, long progressMillis) {

        /** A line without the micro-batch fields (an older runner's). */
        public Job(String name, String state, long batch, double inputRowsPerSecond, double processedRowsPerSecond,
                long updatedMillis, long rows, String message) {
            this(name, state, batch, inputRowsPerSecond, processedRowsPerSecond, updatedMillis, rows, message, 0, "",
                    0);
        }
    }

    /** Reads the file; empty when it is missing or unreadable (the runner has not written it yet). */
    public static Optional<JobsStatus> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<Job> jobs = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (line.isBlank() || line.startsWith("#") || f.length < 7) {
                continue;
            }
            try {
                jobs.add(new Job(f[0], f[1], Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), f.length > 7 ? f[7] : "",
                        f.length > 8 ? Long.parseLong(f[8]) : 0, f.length > 9 ? f[9] : "",
                        f.length > 10 ? Long.parseLong(f[10]) : 0));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return jobs.isEmpty() ? Optional.empty() : Optional.of(new JobsStatus(jobs));
    }

    /** True when every job runs and has finished at least one micro-batch. */
    public boolean allRunning() {
        return jobs.stream().allMatch(j -> j.state().equals("running") && j.batch() >= 0);
    }

    /** The first failed job's message, if any. */
    public Optional<String> failure() {
        return jobs.stream().filter(j -> j.state().equals("failed")).findFirst()
                .map(j -> j.name() + ": " + j.message());
    }
}
