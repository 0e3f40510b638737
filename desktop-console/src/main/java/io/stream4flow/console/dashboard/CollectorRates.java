package io.stream4flow.console.dashboard;

import io.stream4flow.cli.collector.ExporterTable;
import io.stream4flow.cli.collector.ExporterTable.Column;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rates from successive scrapes of the collector's metrics: records per second in total (the flows/s line, the
 * last {@code keep} points) and per exporter, beside each exporter's counters (sequence loss, errors, templates).
 * A counter that goes down (the collector restarted) starts the rate afresh rather than going negative.
 */
public final class CollectorRates {

    /** One exporter's row of the health table. */
    public record Exporter(String name, double recordsPerSecond, double records, double datagrams,
            double sequenceLost, double errors, double templates) {
    }

    /** One point of the flows/s line. */
    public record Point(long atMillis, double recordsPerSecond) {
    }

    private final int keep;
    private final Deque<Point> points = new ArrayDeque<>();
    private ExporterTable last;
    private long lastAt;
    private List<Exporter> exporters = List.of();

    public CollectorRates(int keep) {
        this.keep = keep;
    }

    /** Takes one scrape made at {@code atMillis}. */
    public void add(ExporterTable table, long atMillis) {
        Map<String, Exporter> rows = new LinkedHashMap<>();
        double seconds = last == null ? 0 : (atMillis - lastAt) / 1000.0;
        for (Map.Entry<String, double[]> e : table.rows().entrySet()) {
            double[] c = e.getValue();
            double rate = 0;
            if (seconds > 0 && last.rows().containsKey(e.getKey())) {
                double before = last.rows().get(e.getKey())[Column.RECORDS.ordinal()];
                double now = c[Column.RECORDS.ordinal()];
                rate = now >= before ? (now - before) / seconds : 0;
            }
            rows.put(e.getKey(), new Exporter(e.getKey(), rate, c[Column.RECORDS.ordinal()],
                    c[Column.DATAGRAMS.ordinal()], c[Column.SEQUENCE_LOST.ordinal()], c[Column.ERRORS.ordinal()],
                    c[Column.TEMPLATES.ordinal()]));
        }
        if (seconds > 0) {
            double before = last.total(Column.RECORDS);
            double now = table.total(Column.RECORDS);
            points.addLast(new Point(atMillis, now >= before ? (now - before) / seconds : 0));
            while (points.size() > keep) {
                points.removeFirst();
            }
        }
        exporters = List.copyOf(rows.values());
        last = table;
        lastAt = atMillis;
    }

    public List<Point> points() {
        return new ArrayList<>(points);
    }

    public List<Exporter> exporters() {
        return exporters;
    }
}
