package io.stream4flow.cli.collector;

import io.stream4flow.cli.collector.ExporterTable.Column;
import io.stream4flow.cli.collector.PrometheusText.Sample;
import io.stream4flow.cli.output.TextTable;
import io.stream4flow.schema.JsonBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out the collector's metrics for {@code s4fctl collector stats}: the {@link ExporterTable} (one row per
 * exporter), then every other sample, name, labels and value as served.
 *
 * <p>JSON: every sample, {@code {"metrics":[{"name":..,"labels":{..},"value":..}]}}; NaN and
 * infinite values, which JSON lacks, are null.
 */
final class StatsReport {

    private StatsReport() { }

    static String table(List<Sample> samples) {
        ExporterTable table = ExporterTable.of(samples);
        StringBuilder out = new StringBuilder();
        if (table.rows().isEmpty()) {
            out.append("no exporter has sent anything yet\n");
        } else {
            List<Column> shown = table.columns();
            List<String> header = new ArrayList<>(List.of(ExporterTable.EXPORTER.toUpperCase(Locale.ROOT)));
            boolean[] numeric = new boolean[shown.size() + 1];
            for (int i = 0; i < shown.size(); i++) {
                header.add(shown.get(i).title());
                numeric[i + 1] = true;
            }
            TextTable t = new TextTable(header, numeric);
            table.rows().forEach((exporter, cells) -> {
                List<String> r = new ArrayList<>(List.of(exporter));
                shown.forEach(c -> r.add(number(cells[c.ordinal()])));
                t.row(r);
            });
            out.append(t.render());
        }
        if (!table.others().isEmpty()) {
            TextTable t = new TextTable(List.of("METRIC", "VALUE"), new boolean[] {false, true});
            table.others().forEach(s -> t.row(List.of(s.name() + labels(s.labels()), number(s.value()))));
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
