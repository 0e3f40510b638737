package io.stream4flow.console.dashboard;

import io.stream4flow.cli.collector.ExporterTable;
import io.stream4flow.cli.collector.MetricsScrape;
import io.stream4flow.cli.flows.FlowPrinter;
import io.stream4flow.cli.query.Document;
import io.stream4flow.cli.query.QueryRequest;
import io.stream4flow.cli.query.Talker;
import io.stream4flow.cli.query.TimeRange;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.Fmt;
import io.stream4flow.console.ui.Navigator;
import io.stream4flow.console.ui.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The network at a glance: bytes per protocol per minute over the last hour and the top talkers of the hour (the
 * jobs' statistics in Elasticsearch, every {@code refreshStats}), flows per second and the health of each exporter
 * (the collector's metrics endpoint, every {@code sampleCollector}).
 */
public final class DashboardPane extends GridPane {
    static final Duration RANGE = Duration.ofHours(1);
    private final Backends backends;
    private final CategoryAxis minutes = new CategoryAxis();
    private final StackedAreaChart<String, Number> protocols = new StackedAreaChart<>(minutes, new NumberAxis());
    private final NumberAxis secondsAgo = new NumberAxis();
    private final LineChart<Number, Number> flowRate = new LineChart<>(secondsAgo, new NumberAxis());
    private final TableView<Talker> talkers = Tables.table("no host statistics in the last hour");
    private final TableView<CollectorRates.Exporter> exporters = Tables.table("no exporter has sent yet");
    private final Label statsStatus = new Label();
    private final Label collectorStatus = new Label();
    private final CollectorRates rates = new CollectorRates(150);
    private final AtomicBoolean statsBusy = new AtomicBoolean();
    private final AtomicBoolean scrapeBusy = new AtomicBoolean();

    public DashboardPane(Backends backends, Navigator navigator) {
        this.backends = backends;
        setId("dashboard");
        setHgap(8);
        setVgap(8);
        setPadding(new Insets(6));
        protocols.setId("dashboard-protocols");
        protocols.setTitle("Bytes per protocol per minute (last hour, UTC)");
        protocols.setAnimated(false);
        protocols.setCreateSymbols(false);
        flowRate.setId("dashboard-flow-rate");
        flowRate.setTitle("Flows/s at the collector (last 5 minutes)");
        flowRate.setAnimated(false);
        flowRate.setCreateSymbols(false);
        flowRate.setLegendVisible(false);
        secondsAgo.setLabel("seconds ago");
        talkers.setId("dashboard-talkers");
        talkers.getColumns().setAll(List.of(Tables.text("Host", 140, Talker::host),
                Tables.count("Bytes", 80, Talker::bytes), Tables.count("Packets", 80, Talker::packets),
                Tables.count("Flows", 80, Talker::flows)));
        talkers.setOnMouseClicked(e -> {
            Talker t = talkers.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && t != null) {
                navigator.host(t.host());
            }
        });
        exporters.setId("dashboard-exporters");
        exporters.getColumns().setAll(List.of(Tables.text("Exporter", 200, CollectorRates.Exporter::name),
                Tables.count("Records/s", 80, CollectorRates.Exporter::recordsPerSecond),
                Tables.count("Records", 80, CollectorRates.Exporter::records),
                Tables.count("Datagrams", 80, CollectorRates.Exporter::datagrams),
                Tables.count("Seq. lost", 70, CollectorRates.Exporter::sequenceLost),
                Tables.count("Errors", 60, CollectorRates.Exporter::errors),
                Tables.count("Templates", 70, CollectorRates.Exporter::templates)));
        statsStatus.setId("dashboard-stats-status");
        collectorStatus.setId("dashboard-collector-status");
        add(protocols, 0, 0);
        add(box("Top talkers (bytes, last hour)", talkers, statsStatus), 1, 0);
        add(flowRate, 0, 1);
        add(box("Collector health per exporter", exporters, collectorStatus), 1, 1);
        for (var n : getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
    }

    private static VBox box(String title, TableView<?> table, Label status) {
        Label l = new Label(title);
        l.getStyleClass().add("heading");
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(4, l, table, status);
    }

    private record Stats(List<Document> protocols, List<Talker> talkers) { }

    /** Reads the last hour's protocol statistics and top talkers (skipped while a read is still on). */
    public void refreshStats() {
        if (!statsBusy.compareAndSet(false, true)) {
            return;
        }
        Instant now = Instant.now();
        TimeRange range = new TimeRange(now.minus(RANGE), now);
        backends.async(() -> new Stats(
                backends.queries().stats("protocols", new QueryRequest(range, null, QueryRequest.MAX_LIMIT, null)),
                backends.queries().top("bytes", new QueryRequest(range, null, 10, null))), s -> {
                    statsBusy.set(false);
                    showProtocols(s.protocols());
                    talkers.getItems().setAll(s.talkers());
                    statsStatus.setText(s.protocols().size() + " protocol windows, as of " + Fmt.clock(now) + " UTC");
                }, e -> {
                    statsBusy.set(false);
                    statsStatus.setText(Backends.message(e));
                });
    }

    private void showProtocols(List<Document> docs) {
        Map<String, Map<String, Long>> byProtocol = new TreeMap<>();
        java.util.TreeSet<String> times = new java.util.TreeSet<>();
        for (Document d : docs) {
            String minute;
            try {
                minute = Fmt.clock(Instant.parse(d.source().path("window").path("start").asText())
                        .truncatedTo(ChronoUnit.MINUTES)).substring(0, 5);
            } catch (RuntimeException e) {
                continue;
            }
            times.add(minute);
            String p = FlowPrinter.protocol(d.source().path("protocol").asLong());
            byProtocol.computeIfAbsent(p, k -> new TreeMap<>()).merge(minute, d.source().path("bytes").asLong(),
                    Long::sum);
        }
        protocols.getData().clear();
        minutes.getCategories().setAll(times);
        for (Map.Entry<String, Map<String, Long>> e : byProtocol.entrySet()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(e.getKey());
            for (String t : times) {
                s.getData().add(new XYChart.Data<>(t, e.getValue().getOrDefault(t, 0L)));
            }
            protocols.getData().add(s);
        }
    }

    /** Scrapes the collector's metrics once (skipped while a scrape is still on). */
    public void sampleCollector() {
        if (!scrapeBusy.compareAndSet(false, true)) {
            return;
        }
        var at = backends.collectorMetrics();
        backends.async(() -> ExporterTable.parse(MetricsScrape.fetch(at)), table -> {
            scrapeBusy.set(false);
            long now = System.currentTimeMillis();
            rates.add(table, now);
            exporters.getItems().setAll(rates.exporters());
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            for (CollectorRates.Point p : rates.points()) {
                s.getData().add(new XYChart.Data<>((p.atMillis() - now) / 1000.0, p.recordsPerSecond()));
            }
            flowRate.getData().setAll(List.of(s));
            List<CollectorRates.Point> pts = rates.points();
            collectorStatus.setText("collector at " + at + ": " + rates.exporters().size() + " exporters"
                    + (pts.isEmpty() ? "" : ", " + Fmt.scaled(pts.get(pts.size() - 1).recordsPerSecond()) + " flows/s"));
        }, e -> {
            scrapeBusy.set(false);
            collectorStatus.setText("collector metrics at " + at + ": " + Backends.message(e));
        });
    }

    public TableView<CollectorRates.Exporter> exporters() {
        return exporters;
    }

    public boolean hasProtocols() {
        return !protocols.getData().isEmpty();
    }

    public TableView<Talker> talkers() {
        return talkers;
    }
}
