package io.stream4flow.cli.collector;

import io.stream4flow.cli.collector.PrometheusText.Sample;
import io.stream4flow.cli.output.TextTable;
import io.stream4flow.schema.JsonBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out the collector's metrics for {@code s4fctl collector stats}, whatever their exact names.
 *
 * <p>Table: one row per exporter (samples with an {@value #EXPORTER} label) with a column for
 * each main counter found, picked by the words of the metric name once the {@value #PREFIX}
 * prefix and a {@code _total} suffix are taken off: {@code sequence_lost}, {@code errors},
 * {@code templates}, {@code held}, then {@code datagrams}, {@code records} (or {@code flows}),
 * {@code bytes}, in that order, so {@code exporter_held_bytes} is the held column, not the bytes
 * one. The first metric name that matches a column owns it; its samples for one exporter are
 * summed (e.g. errors over their {@code reason} label). Every other sample — metrics without an
 * exporter, and per-exporter metrics that own no column — is listed below the table, name, labels
 * and value as served.
 *
 * <p>JSON: every sample, {@code {"metrics":[{"name":..,"labels":{..},"value":..}]}}; NaN and
 * infinite values, which JSON lacks, are null.
 */
final class StatsReport {
    static final String PREFIX = "s4f_collector_";
    static final String EXPORTER = "exporter";

    /** The table's columns in display order; {@link #match} tries them in its own order. */
    enum Column {
        DATAGRAMS("datagrams", "datagram"),
        RECORDS("records", "record", "flows"),
        BYTES("bytes"),
        SEQUENCE_LOST("sequence_lost", "lost"),
        ERRORS("errors", "error"),
        TEMPLATES("templates", "template"),
        HELD("held");

        private final String[] words;

        Column(String... words) {
            this.words = words;
        }

        String title() {
            return name();
        }
    }

    private static final List<Column> MATCH_ORDER = List.of(Column.SEQUENCE_LOST, Column.ERRORS, Column.TEMPLATES,
            Column.HELD, Column.DATAGRAMS, Column.RECORDS, Column.BYTES);

    private StatsReport() { }

    /** The column a metric name feeds, or null. */
    static Column match(String metricName) {
        String n = metricName.startsWith(PREFIX) ? metricName.substring(PREFIX.length()) : metricName;
        if (n.endsWith("_total")) {
            n = n.substring(0, n.length() - "_total".length());
        }
        String padded = "_" + n.toLowerCase(Locale.ROOT) + "_";
        for (Column c : MATCH_ORDER) {
            for (String w : c.words) {
                if (padded.contains("_" + w + "_")) {
                    return c;
                }
            }
        }
        return null;
    }

    static String table(List<Sample> samples) {
        Map<Column, String> owner = new EnumMap<>(Column.class);
        for (Sample s : samples) {
            Column c = s.labels().containsKey(EXPORTER) ? match(s.name()) : null;
            if (c != null) {
                owner.putIfAbsent(c, s.name());
            }
        }
        Map<String, double[]> rows = new LinkedHashMap<>();
        List<Sample> others = new ArrayList<>();
        for (Sample s : samples) {
            String exporter = s.labels().get(EXPORTER);
            Column c = exporter == null ? null : match(s.name());
            if (c != null && s.name().equals(owner.get(c))) {
                rows.computeIfAbsent(exporter, e -> new double[Column.values().length])[c.ordinal()] += s.value();
            } else {
                others.add(s);
            }
        }
        StringBuilder out = new StringBuilder();
        if (rows.isEmpty()) {
            out.append("no exporter has sent anything yet\n");
        } else {
            List<Column> shown = new ArrayList<>(owner.keySet());
            List<String> header = new ArrayList<>(List.of(EXPORTER.toUpperCase(Locale.ROOT)));
            boolean[] numeric = new boolean[shown.size() + 1];
            for (int i = 0; i < shown.size(); i++) {
                header.add(shown.get(i).title());
                numeric[i + 1] = true;
            }
            TextTable t = new TextTable(header, numeric);
            rows.forEach((exporter, cells) -> {
                List<String> r = new ArrayList<>(List.of(exporter));
                shown.forEach(c -> r.add(number(cells[c.ordinal()])));
                t.row(r);
            });
            out.append(t.render());
        }
        if (!others.isEmpty()) {
            TextTable t = new TextTable(List.of("METRIC", "VALUE"), new boolean[] {false, true});
            others.forEach(s -> t.row(List.of(s.name() + labels(s.labels()), number(s.value()))));
            out.append('\n').append(t.render());
        }
        return out.toString();
    }

    static String json(List<Sample> samples) {
        JsonBuffer j = new JsonBuffer(4096);
        j.beginObject().key("metrics").beginArray();
        for (Sample s : samples) {
            j.element().beginObject().key("name").string(s.name()).key("labels").beginObject();
            s.labels().forEach((k, v) -> j.key(k).string(v));
            j.endObject().key("value").floating(s.value()).endObject();
        }
        j.endArray().endObject();
        return j + "\n";
    }

    /** {@code {a="x",b="y"}} as in the exposition format, or "" without labels. */
    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("{");
        labels.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return s.append('}').toString();
    }

    /** Whole numbers without a fraction, the rest as Java prints doubles; NaN, +Inf, -Inf. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
