package io.stream4flow.cli.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.cli.output.OutputFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code job list} and {@code job status} print: a table, CSV (the same columns) or JSON (every field, for
 * scripts). JSON: {@code {"jobs": [...]}} with one object per job; numbers as numbers, times as epoch ms.
 */
final class JobViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIST_HEADER = List.of("JOB", "KIND", "OUTPUT", "DEFAULT", "STATE", "DESCRIPTION",
            "PARAMETERS");
    private static final List<String> STATUS_HEADER = List.of("JOB", "ORIGIN", "STATE", "PID", "BATCH", "INPUT/S",
            "PROCESSED/S", "BATCH_MS", "LAST_PROGRESS", "WATERMARK", "MASTER", "MESSAGE");

    private JobViews() {
    }

    static String list(List<JobInfo> jobs, OutputFormat format) {
        if (format == OutputFormat.json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode arr = root.putArray("jobs");
            for (JobInfo j : jobs) {
                ObjectNode o = arr.addObject();
                o.put("name", j.name());
                o.put("kind", j.kind());
                o.put("description", j.description());
                o.put("output", j.output());
                o.put("default", j.defaultJob());
                ArrayNode ps = o.putArray("parameters");
                for (JobInfo.Parameter p : j.parameters()) {
                    ObjectNode po = ps.addObject();
                    po.put("name", p.name());
                    po.put("type", p.type());
                    po.put("default", p.defaultValue());
                    po.put("required", p.required());
                    po.put("description", p.description());
                }
                o.set("status", statusJson(j.status()));
            }
            return write(root);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JobInfo j : jobs) {
            List<String> params = new ArrayList<>();
            for (JobInfo.Parameter p : j.parameters()) {
                params.add(p.required() ? p.name() + " (required)"
                        : p.name() + "=" + (p.defaultValue() == null ? "" : p.defaultValue()));
            }
            rows.add(List.of(j.name(), j.kind(), j.output(), j.defaultJob() ? "yes" : "no", state(j.status()),
                    j.description(), String.join(" ", params)));
        }
        return format.rows(LIST_HEADER, new boolean[LIST_HEADER.size()], rows);
    }

    static String status(List<JobStatus> jobs, OutputFormat format, long nowMillis) {
        if (format == OutputFormat.json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode arr = root.putArray("jobs");
            jobs.forEach(j -> arr.add(statusJson(j)));
            return write(root);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JobStatus j : jobs) {
            rows.add(List.of(j.name(), j.origin(), j.state(), j.pid().isPresent() ? Long.toString(j.pid().getAsLong())
                    : "-", Long.toString(j.batch()), String.format(Locale.ROOT, "%.1f", j.inputRowsPerSecond()),
                    String.format(Locale.ROOT, "%.1f", j.processedRowsPerSecond()), Long.toString(j.batchMillis()),
                    j.progressMillis() == 0 ? "-" : format == OutputFormat.csv
                            ? Instant.ofEpochMilli(j.progressMillis()).toString()
                            : ((nowMillis - j.progressMillis()) / 1000) + " s ago",
                    watermark(j.watermark()), j.master(), j.message()));
        }
        return format.rows(STATUS_HEADER, new boolean[] {false, false, false, true, true, true, true, true, false,
            false, false, false}, rows);
    }

    /** {@code running (pid N)}, {@code running (up)} for a job of the stack's runner, or the state. */
    private static String state(JobStatus s) {
        if (s.running() && (s.state().equals("running") || s.state().equals("starting"))) {
            return s.state() + (s.origin().equals(JobStatus.STACK) ? " (up)" : " (pid " + s.pid().getAsLong() + ")");
        }
        return s.state();
    }

    private static String watermark(String w) {
        return w == null || w.isEmpty() || w.startsWith("1970-01-01T00:00:00") ? "-" : w;
    }

    private static ObjectNode statusJson(JobStatus s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", s.name());
        o.put("origin", s.origin());
        o.put("state", s.state());
        if (s.pid().isPresent()) {
            o.put("pid", s.pid().getAsLong());
        } else {
            o.putNull("pid");
        }
        o.put("batch", s.batch());
        o.put("inputRowsPerSecond", s.inputRowsPerSecond());
        o.put("processedRowsPerSecond", s.processedRowsPerSecond());
        o.put("batchMillis", s.batchMillis());
        o.put("progressMillis", s.progressMillis());
        String w = watermark(s.watermark());
        o.put("watermark", w.equals("-") ? null : w);
        o.put("message", s.message());
        o.put("log", s.log().toString());
        o.put("checkpoint", s.checkpoint().toString());
        o.put("master", s.master());
        return o;
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
