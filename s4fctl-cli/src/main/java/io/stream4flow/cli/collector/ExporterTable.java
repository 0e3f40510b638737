package io.stream4flow.cli.collector;

import io.stream4flow.cli.collector.PrometheusText.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The collector's metrics as one row per exporter, whatever their exact names: what {@code s4fctl collector stats}
 * prints and the console's collector-health table shows.
 *
 * <p>A sample with an {@value #EXPORTER} label feeds a column picked by the words of its metric name once the
 * {@value #PREFIX} prefix and a {@code _total} suffix are taken off: {@code sequence_lost}, {@code errors},
 * {@code templates}, {@code held}, then {@code datagrams}, {@code records} (or {@code flows}), {@code bytes}, in that
 * order, so {@code exporter_held_bytes} is the held column, not the bytes one. The first metric name that matches a
 * column owns it; its samples for one exporter are summed (e.g. errors over their {@code reason} label). Every other
 * sample (metrics without an exporter, and per-exporter metrics that own no column) is in {@link #others}.
 *
 * @param columns the columns some metric owns, in display order
 * @param rows per exporter (in the order first met), its values indexed by {@link Column#ordinal()}
 * @param others the samples no column took, in text order
 */
public record ExporterTable(List<Column> columns, Map<String, double[]> rows, List<Sample> others) {
    static final String PREFIX = "s4f_collector_";
    public static final String EXPORTER = "exporter";

    /** The table's columns in display order; {@link #match} tries them in its own order. */
    public enum Column {
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

        public String title() {
            return name();
        }
    }

    private static final List<Column> MATCH_ORDER = List.of(Column.SEQUENCE_LOST, Column.ERRORS, Column.TEMPLATES,
            Column.HELD, Column.DATAGRAMS, Column.RECORDS, Column.BYTES);

    public ExporterTable {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableMap(rows);
        others = List.copyOf(others);
    }

    /** The table of the metrics page {@code text} (Prometheus text format; unreadable lines are skipped). */
    public static ExporterTable parse(String text) {
        return of(PrometheusText.parse(text).samples());
    }

    static ExporterTable of(List<Sample> samples) {
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
        return new ExporterTable(new ArrayList<>(owner.keySet()), rows, others);
    }

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

    /** The sum of {@code column} over every exporter (records: every record the collector decoded). */
    public double total(Column column) {
        double sum = 0;
        for (double[] cells : rows.values()) {
            sum += cells[column.ordinal()];
        }
        return sum;
    }
}
