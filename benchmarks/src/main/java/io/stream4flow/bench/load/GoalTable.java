package io.stream4flow.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goal table, each goal against nfcapd measured in the same run on the same stream and
 * sender: the collector's value, nfcapd's, their ratio, the goal and the verdict, as text for stdout
 * and as JSON. A rate that lost nothing at any rate tried is only a lower bound ({@code >=}); a
 * ratio with such a rate on one side is then a bound too, and a goal it cannot decide is
 * "undetermined". In {@code --quick} mode nothing is judged (the steps are too short).
 */
final class GoalTable {
    /**
     * One goal: the cells of its row, and the values as numbers (NaN: none; records/s, µs/record,
     * records lost or MiB, as the row says).
     */
    record Row(String goal, String s4f, String nfcapd, String ratio, double ratioValue, String target, String verdict,
               String note, double s4fValue, double nfcapdValue) { }

    /** The collector's heap over the run. */
    record Heap(String xmx, int maxUsedMiB, int maxCommittedMiB, boolean outOfMemory) { }

    private final Report report;
    private final Map<String, GoalSteps.CpuStep> cpu;
    private final GoalSteps.ColdStep coldS4f;
    private final GoalSteps.ColdStep coldNfcapd;
    private final Heap heap;
    private final boolean judge;
    private final int cpuDatagrams;
    private final int coldSeconds;

    /**
     * @param cpuDatagrams datagrams/s asked of the CPU step (0: not run)
     * @param coldSeconds sending time of the first-seconds step (0: not run)
     */
    GoalTable(Report report, Map<String, GoalSteps.CpuStep> cpu, GoalSteps.ColdStep coldS4f,
              GoalSteps.ColdStep coldNfcapd, Heap heap, boolean judge, int cpuDatagrams, int coldSeconds) {
        this.report = report;
        this.cpuDatagrams = cpuDatagrams;
        this.coldSeconds = coldSeconds;
        this.cpu = cpu;
        this.coldS4f = coldS4f;
        this.coldNfcapd = coldNfcapd;
        this.heap = heap;
        this.judge = judge;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(rateRow("null", 2.0));
        rows.add(rateRow("file-avro", 1.0));
        rows.add(rateRow("kafka-avro", 1.0));
        rows.add(rateRow("file", 0.5));
        if (report.find("kafka") != null) {
            rows.add(rateRow("kafka", Double.NaN));
        }
        rows.add(cpuRow());
        rows.add(coldRow());
        rows.add(heapRow());
        return rows;
    }

    private Row rateRow(String key, double goal) {
        String name = CollectorTarget.label(key) + " sink: highest zero-loss rate (rec/s)";
        String goalText = Double.isNaN(goal) ? "(no goal)" : String.format(">= %.1fx", goal);
        Report.Entry s = report.find(key);
        Report.Entry n = report.find("nfcapd");
        String sv = s == null ? "not run" : rateText(s);
        String nv = n == null ? "not run" : rateText(n);
        if (s == null || n == null || Report.rate(n) == 0) {
            return new Row(name, sv, nv, "-", Double.NaN, goalText, judge ? "not measured" : "not judged (--quick)",
                    "", s == null ? Double.NaN : Report.rate(s), n == null ? Double.NaN : Report.rate(n));
        }
        double ratio = Report.rate(s) / (double) Report.rate(n);
        boolean lower = Report.lowerBound(s);
        boolean upper = Report.lowerBound(n);
        String ratioText = (lower && upper ? "? " : lower ? ">= " : upper ? "<= " : "") + String.format("%.2fx", ratio);
        String verdict;
        if (!judge) {
            verdict = "not judged (--quick)";
        } else if (Double.isNaN(goal)) {
            verdict = "-";
        } else if (lower && upper) {
            verdict = "undetermined (neither lost anything at the rates tried)";
        } else if (ratio >= goal) {
            verdict = upper ? "undetermined (nfcapd lost nothing at the rates tried)" : "MET";
        } else {
            verdict = lower ? "undetermined (the collector lost nothing at the rates tried)" : "NOT MET";
        }
        return new Row(name, sv, nv, ratioText, ratio, goalText, verdict, "", Report.rate(s), Report.rate(n));
    }

    private static String rateText(Report.Entry e) {
        long r = Report.rate(e);
        return r == 0 ? "none" : (Report.lowerBound(e) ? ">= " : "") + String.format("%,d", r);
    }

    private Row cpuRow() {
        GoalSteps.CpuStep s = cpu.get("file-avro");
        GoalSteps.CpuStep n = cpu.get("nfcapd");
        String name = String.format("CPU per record at %,d datagrams/s, file (Avro) sink (µs/record)",
                cpuDatagrams > 0 ? cpuDatagrams : 40_000);
        String sv = s == null ? "not measured" : cpuText(s);
        String nv = n == null ? "not measured" : cpuText(n);
        List<String> notes = new ArrayList<>();
        for (GoalSteps.CpuStep c : new GoalSteps.CpuStep[] {s, n}) {
            if (c != null && !c.atFixedRate()) {
                notes.add(String.format("%s measured at its highest zero-loss rate, %,d rec/s, not at %,d", c.key(),
                        c.rate(), c.fixedRate()));
            }
            if (c != null && !c.step().zeroLoss()) {
                notes.add(c.key() + " lost records in this step: " + String.join("; ", c.step().problems()));
            }
        }
        if (s == null || n == null || s.microsPerRecord() <= 0 || n.microsPerRecord() <= 0) {
            return new Row(name, sv, nv, "-", Double.NaN, "<= 1.0x", judge ? "not measured" : "not judged (--quick)",
                    String.join("; ", notes), s == null ? Double.NaN : s.microsPerRecord(),
                    n == null ? Double.NaN : n.microsPerRecord());
        }
        double ratio = s.microsPerRecord() / n.microsPerRecord();
        String verdict = !judge ? "not judged (--quick)" : s.rate() != n.rate()
                ? (ratio <= 1 ? "MET (at different rates)" : "NOT MET (at different rates)")
                : ratio <= 1 ? "MET" : "NOT MET";
        return new Row(name, sv, nv, String.format("%.2fx", ratio), ratio, "<= 1.0x", verdict, String.join("; ", notes),
                s.microsPerRecord(), n.microsPerRecord());
    }

    private static String cpuText(GoalSteps.CpuStep c) {
        return String.format("%.3f (%.2f cores at %,d rec/s)", c.microsPerRecord(), c.step().cpuCores(),
                c.step().achievedRate());
    }

    private Row coldRow() {
        GoalSteps.ColdStep c = coldS4f != null ? coldS4f : coldNfcapd;
        String name = "records lost in the first " + (coldSeconds > 0 ? coldSeconds : 10)
                + " s after start, file (Avro) sink";
        String sv = coldS4f == null ? "not measured" : coldText(coldS4f);
        String nv = coldNfcapd == null ? "not measured" : coldText(coldNfcapd);
        List<String> notes = new ArrayList<>();
        if (c != null) {
            notes.add(String.format("%,d rec/s from the moment the receiver listened", c.rate()));
        }
        if (coldS4f != null) {
            notes.add(String.format("collector listening %,d ms after its JVM started", coldS4f.startMillis()));
            if (!coldS4f.step().zeroLoss()) {
                notes.add("collector: " + String.join("; ", coldS4f.step().problems()));
            }
        }
        if (coldNfcapd != null && !coldNfcapd.step().zeroLoss()) {
            notes.add("nfcapd: " + String.join("; ", coldNfcapd.step().problems()));
        }
        String verdict = coldS4f == null ? "not measured" : !judge ? "not judged (--quick)"
                : coldS4f.lost() == 0 ? "MET" : "NOT MET";
        return new Row(name, sv, nv, "-", Double.NaN, "0", verdict, String.join("; ", notes),
                coldS4f == null ? Double.NaN : coldS4f.lost(), coldNfcapd == null ? Double.NaN : coldNfcapd.lost());
    }

    private static String coldText(GoalSteps.ColdStep c) {
        return String.format("%,d lost of %,d sent", c.lost(), c.step().expected());
    }

    private Row heapRow() {
        String name = "collector heap (max used, GC log)";
        if (heap == null) {
            return new Row(name, "not measured", "-", "-", Double.NaN, "<= 256 MiB", "not measured", "", Double.NaN,
                    Double.NaN);
        }
        String sv = (heap.maxUsedMiB() < 0 ? "unknown" : heap.maxUsedMiB() + " MiB") + " of -Xmx" + heap.xmx()
                + (heap.outOfMemory() ? ", OutOfMemoryError" : "");
        boolean met = !heap.outOfMemory() && heap.maxUsedMiB() >= 0 && heap.maxUsedMiB() <= 256
                && heap.maxCommittedMiB() <= 256;
        return new Row(name, sv, "-", "-", Double.NaN, "<= 256 MiB", !judge ? "not judged (--quick)"
                : met ? "MET" : "NOT MET", "max committed " + heap.maxCommittedMiB() + " MiB, over every collector JVM"
                + " of the run", heap.maxUsedMiB(), Double.NaN);
    }

    String table() {
        List<Row> rows = rows();
        String[] head = {"goal", "s4f collector", "nfcapd", "ratio", "target", "verdict"};
        int[] w = new int[head.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {r.goal(), r.s4f(), r.nfcapd(), r.ratio(), r.target(), r.verdict()});
        }
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                w[i] = Math.max(w[i], c[i].length());
            }
        }
        StringBuilder b = new StringBuilder("Goals, against nfcapd in the same run:\n");
        for (int n = 0; n < cells.size(); n++) {
            String[] c = cells.get(n);
            b.append(String.format("%-" + w[0] + "s | %" + w[1] + "s | %" + w[2] + "s | %" + w[3] + "s | %-" + w[4]
                    + "s | %s%n", (Object[]) c));
            if (n == 0) {
                for (int i = 0; i < w.length; i++) {
                    b.append(i == 0 ? "" : "-|-").append("-".repeat(i == w.length - 1 ? 20 : w[i]));
                }
                b.append('\n');
            }
        }
        for (Row r : rows) {
            if (!r.note().isEmpty()) {
                b.append("  ").append(r.goal()).append(": ").append(r.note().replace('\n', ' ')).append('\n');
            }
        }
        return b.toString();
    }

    List<Object> json() {
        List<Object> out = new ArrayList<>();
        for (Row r : rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("goal", r.goal());
            m.put("s4f", r.s4f());
            m.put("nfcapd", r.nfcapd());
            m.put("s4f_value", number(r.s4fValue()));
            m.put("nfcapd_value", number(r.nfcapdValue()));
            m.put("ratio", number(r.ratioValue()));
            m.put("ratio_text", r.ratio());
            m.put("target", r.target());
            m.put("verdict", r.verdict());
            m.put("note", r.note());
            out.add(m);
        }
        return out;
    }

    private static Double number(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    /** The CPU and first-seconds steps in full, for the JSON. */
    Map<String, Object> stepsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        cpu.forEach((k, c) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("datagrams_per_s_asked", c.datagramsPerSecond());
            x.put("records_per_s_for_that", c.fixedRate());
            x.put("records_per_s_measured_at", c.rate());
            x.put("at_fixed_rate", c.atFixedRate());
            x.put("receiver_cpu_us_per_record", Math.round(c.microsPerRecord() * 1000) / 1000.0);
            x.put("step", Report.step(c.step()));
            m.put("cpu_" + k, x);
        });
        for (GoalSteps.ColdStep c : new GoalSteps.ColdStep[] {coldS4f, coldNfcapd}) {
            if (c != null) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("records_per_s", c.rate());
                x.put("listening_after_ms", c.startMillis());
                x.put("records_lost", c.lost());
                x.put("heap_used_mib", c.heapUsedMiB());
                x.put("step", Report.step(c.step()));
                m.put("first_seconds_" + c.key(), x);
            }
        }
        return m;
    }
}
