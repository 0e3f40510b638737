package io.stream4flow.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results: the run (machine, stream), a table on stdout (target, highest zero-loss rate,
 * datagrams/s, notes), the goals against nfcapd ({@link GoalTable}), and the same with every
 * step as JSON.
 */
final class Report {
    /** One target's search, or why it could not run. */
    record Entry(String key, String description, RateSearch.Outcome outcome, String error, Map<String, Object> extra) { }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Object> run;
    private GoalTable goals;

    Report(Map<String, Object> run) {
        this.run = run;
    }

    void goals(GoalTable g) {
        this.goals = g;
    }

    void add(Entry e) {
        entries.add(e);
    }

    /** The target's search, null when it did not run (or failed). */
    Entry find(String key) {
        return entries.stream().filter(e -> e.key.equals(key) && e.outcome != null).findFirst().orElse(null);
    }

    /** True when the target lost nothing at any rate tried (or only the sender fell short): its limit is higher. */
    static boolean lowerBound(Entry e) {
        StepResult f = e.outcome.firstFailure();
        return f == null || f.senderLimitedOnly();
    }

    /** The rate a goal is judged on: the rate asked of the highest zero-loss step (the sender met it within 3 %). */
    static long rate(Entry e) {
        return e == null || e.outcome.best() == null ? 0 : e.outcome.best().askedRate();
    }

    String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"target", "highest zero-loss rate (records/s)", "datagrams/s", "notes"});
        for (Entry e : entries) {
            if (e.outcome == null) {
                rows.add(new String[] {CollectorTarget.label(e.key), "-", "-", "did not run: " + e.error});
                continue;
            }
            StepResult b = e.outcome.best();
            StepResult f = e.outcome.firstFailure();
            String rate = b == null ? "< " + String.format("%,d", e.outcome.steps().get(0).askedRate())
                    : (lowerBound(e) ? ">= " : "") + String.format("%,d", b.achievedRate());
            String dgrams = b == null ? "-" : String.format("%,d", Math.round(b.sent().datagramsPerSecond()));
            rows.add(new String[] {CollectorTarget.label(e.key), rate, dgrams, notes(e, b, f)});
        }
        int[] w = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("machine: ").append(run.get("machine")).append('\n');
        s.append("stream:  ").append(run.get("stream")).append('\n');
        s.append("steps:   ").append(run.get("step_seconds")).append(" s each").append('\n').append('\n');
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            s.append(String.format("%-" + w[0] + "s | %" + w[1] + "s | %" + w[2] + "s | %s%n", r[0], r[1], r[2], r[3]));
            if (n == 0) {
                s.append("-".repeat(w[0])).append("-|-").append("-".repeat(w[1])).append("-|-")
                        .append("-".repeat(w[2])).append("-|-").append("-".repeat(40)).append('\n');
            }
        }
        if (goals != null) {
            s.append('\n').append(goals.table());
        }
        Object restarts = run.get("collector_restarts");
        if (restarts != null) {
            s.append("NOTE: ").append(restarts).append('\n');
        }
        return s.toString();
    }

    private static String notes(Entry e, StepResult b, StepResult f) {
        List<String> n = new ArrayList<>();
        if (b != null) {
            n.add(String.format("cpu (cores): receiver %.2f, sender %.2f, other processes %.2f", b.cpuCores(),
                    b.sent().cpuNanos() / (double) b.sent().nanos(), b.otherCores()));
            if (e.key.startsWith("kafka")) {
                long messages = b.checks().get("topic_messages");
                long records = b.checks().getOrDefault("topic_records", messages); // JSON: one record per message
                double seconds = b.sent().seconds() + b.drainMillis() / 1000.0;
                n.add(String.format("acked by the broker: %,d records in %,d messages in %.1f s = %,d rec/s sustained",
                        records, messages, seconds, Math.round(records / seconds)));
            }
            if (e.key.equals("file")) {
                n.add(String.format("%,d lines (%,d MB) per step", b.checks().get("file_lines"),
                        b.checks().get("file_bytes") / 1_000_000));
            }
            if (e.key.equals("file-avro")) {
                n.add(String.format("%,d Avro records (%,d MB) per step", b.checks().get("avro_records"),
                        b.checks().get("file_bytes") / 1_000_000));
            }
        }
        if (f != null && f.senderLimitedOnly()) {
            n.add(String.format("SENDER-LIMITED: the harness's sender reached only %,d of %,d rec/s with no loss;"
                    + " the target's own limit is higher", f.achievedRate(), f.askedRate()));
        } else if (f != null) {
            n.add(String.format("at %,d rec/s (receiver cpu %.2f, other processes %.2f): %s", f.askedRate(),
                    f.cpuCores(), f.otherCores(), String.join("; ", f.problems())));
        } else {
            n.add("no loss up to the highest rate tried");
        }
        if (e.outcome.retried() > 0) {
            n.add(e.outcome.retried() + " step(s) passed on a retry");
        }
        return String.join("; ", n).replace('\n', ' ');
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>(run);
        List<Object> targets = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("target", e.key);
            t.put("description", e.description);
            if (e.outcome == null) {
                t.put("error", e.error);
            } else {
                t.put("highest_zero_loss_records_per_s", e.outcome.rate());
                StepResult b = e.outcome.best();
                t.put("datagrams_per_s", b == null ? 0 : Math.round(b.sent().datagramsPerSecond()));
                t.put("first_failing_rate", e.outcome.firstFailure() == null ? null
                        : e.outcome.firstFailure().askedRate());
                t.put("sender_limited", e.outcome.firstFailure() != null && e.outcome.firstFailure().senderLimitedOnly());
                t.put("limit_is_higher", lowerBound(e));
                t.put("steps_passed_on_retry", e.outcome.retried());
                List<Object> steps = new ArrayList<>();
                for (StepResult s : e.outcome.steps()) {
                    steps.add(step(s));
                }
                t.put("steps", steps);
            }
            t.putAll(e.extra);
            targets.add(t);
        }
        root.put("targets", targets);
        if (goals != null) {
            root.put("goals", goals.json());
            root.putAll(goals.stepsJson());
        }
        return root;
    }

    static Map<String, Object> step(StepResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asked_records_per_s", s.askedRate());
        m.put("sent_records_per_s", s.achievedRate());
        m.put("sent_datagrams_per_s", Math.round(s.sent().datagramsPerSecond()));
        m.put("seconds", Math.round(s.sent().seconds() * 1000) / 1000.0);
        m.put("records_sent", s.sent().allRecords());
        m.put("data_records_sent", s.sent().dataRecords());
        m.put("expected", s.expected());
        m.put("received", s.received());
        m.put("drain_ms", s.drainMillis());
        m.put("receiver_cpu_cores", Math.round(s.cpuCores() * 100) / 100.0);
        m.put("sender_cpu_cores", Math.round(100.0 * s.sent().cpuNanos() / s.sent().nanos()) / 100.0);
        m.put("other_processes_cpu_cores", Math.round(s.otherCores() * 100) / 100.0);
        if (s.heap() != null) {
            GcLog.Heap h = s.heap();
            m.put("gc", Map.of("pauses", h.pauses(), "full", h.fullPauses(), "pause_ms", Math.round(h.pauseMillis()),
                    "max_pause_ms", Math.round(h.maxPauseMillis()), "max_used_before_gc_mib", h.maxUsedBeforeMiB(),
                    "max_live_after_gc_mib", h.maxLiveAfterMiB(), "max_committed_mib", h.maxCommittedMiB()));
        }
        m.put("checks", s.checks());
        m.put("thread_cpu_cores", s.threadCores());
        m.put("zero_loss", s.zeroLoss());
        m.put("problems", s.problems());
        return m;
    }

    void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }
}
