package io.stream4flow.console.history;

import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.query.Document;
import io.stream4flow.cli.query.QueryRequest;
import io.stream4flow.cli.query.QueryViews;
import io.stream4flow.cli.query.TimeRange;
import io.stream4flow.cli.query.TypeCount;
import io.stream4flow.console.alerts.Alert;
import io.stream4flow.console.alerts.AlertColumns;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.FilterBox;
import io.stream4flow.console.ui.Fmt;
import io.stream4flow.console.ui.Navigator;
import io.stream4flow.console.ui.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Insets;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.geometry.Orientation;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Alerts from Elasticsearch ({@code s4f-alerts-*}) over a time range: the last 15 minutes to 7 days, or from/to in
 * ISO 8601 or relative form ({@code now-2h}) as {@code s4fctl query} takes them; a filter; counts by type over
 * time as a stacked bar chart (an Elasticsearch date histogram, so it counts every alert of the range, not only the
 * rows fetched); the alerts newest first (up to the limit); export to CSV in {@code s4fctl query alerts
 * --output csv}'s columns.
 */
public final class HistoryPane extends BorderPane {
    private final Backends backends;
    private final ComboBox<String> since = new ComboBox<>();
    private final TextField from = new TextField();
    private final TextField to = new TextField();
    private final ComboBox<Integer> limit = new ComboBox<>();
    private final FilterBox filter;
    private final Label status = new Label();
    private final TableView<Alert> table = Tables.table("Search to see the alerts of a time range");
    private final CategoryAxis timeAxis = new CategoryAxis();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(timeAxis, new NumberAxis());
    private List<Document> found = List.of();

    public HistoryPane(Backends backends, Navigator navigator) {
        this.backends = backends;
        setId("history");
        since.getItems().setAll("15m", "1h", "6h", "24h", "7d");
        since.setValue("1h");
        since.setEditable(true);
        from.setPromptText("from: ISO 8601 or now-2h");
        to.setPromptText("to (default now)");
        limit.getItems().setAll(100, 1000, QueryRequest.MAX_LIMIT);
        limit.setValue(1000);
        filter = new FilterBox("history-filter", "type ddos, severity high, ip 10.0.0.5 …", f -> search());
        Button search = new Button("Search");
        search.setId("history-search");
        search.setDefaultButton(false);
        search.setOnAction(e -> search());
        Button export = new Button("Export CSV…");
        export.setId("history-export");
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("alerts.csv");
            java.io.File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                export(f.toPath());
            }
        });
        status.setId("history-status");
        HBox range = new HBox(6, new Label("Last"), since, new Label("or from"), from, new Label("to"), to,
                new Label("limit"), limit, search, export);
        VBox top = new VBox(6, range, filter, status);
        top.setPadding(new Insets(6));
        setTop(top);

        AlertColumns.install(table);
        table.setId("history-table");
        table.setOnMouseClicked(e -> {
            Alert a = table.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && a != null && !a.srcIp().isEmpty()) {
                navigator.host(a.srcIp());
            }
        });
        chart.setId("history-chart");
        chart.setTitle("Alerts by type over time (UTC)");
        chart.setAnimated(false);
        chart.setCategoryGap(1);
        // the buckets in time order: left to itself the axis orders them by the first series that has each one
        timeAxis.setAutoRanging(false);
        SplitPane split = new SplitPane(chart, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        setCenter(split);
    }

    /** The range the controls name; an {@link IllegalArgumentException} naming the field when they are wrong. */
    TimeRange range(Instant now) {
        String f = from.getText() == null || from.getText().isBlank() ? null : from.getText();
        String t = to.getText() == null || to.getText().isBlank() ? null : to.getText();
        return TimeRange.of(f == null ? since.getEditor().getText() : null, f, t, now);
    }

    /** Queries the alerts and their counts of the range, in the background. */
    public void search() {
        if (!filter.parse()) {
            return;
        }
        TimeRange range;
        QueryRequest request;
        try {
            range = range(Instant.now());
            request = new QueryRequest(range, filter.filter(), limit.getValue(), null);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        Duration interval = interval(range);
        status.setText("searching " + Fmt.time(range.from()) + " – " + Fmt.time(range.to()) + " …");
        backends.async(() -> new Answer(backends.queries().alerts(request),
                backends.queries().alertCounts(request, interval)), a -> show(a, range, interval),
                e -> status.setText(Backends.message(e)));
    }

    private record Answer(List<Document> alerts, List<TypeCount> counts) { }

    private void show(Answer a, TimeRange range, Duration interval) {
        found = a.alerts();
        List<Alert> rows = new ArrayList<>(found.size());
        for (Document d : found) {
            try {
                rows.add(Alert.of(d.source()));
            } catch (IllegalArgumentException e) {
                // a document without an id is not an alert of ours; it is counted below
            }
        }
        table.getItems().setAll(rows);
        long total = a.counts().stream().mapToLong(TypeCount::count).sum();
        status.setText(total + " alerts from " + Fmt.time(range.from()) + " to " + Fmt.time(range.to())
                + " (" + interval.toSeconds() + " s bars); the newest " + rows.size() + " listed"
                + (rows.size() < found.size() ? ", " + (found.size() - rows.size()) + " documents without an id" : ""));
        Map<String, XYChart.Series<String, Number>> byType = new TreeMap<>();
        List<String> categories = new ArrayList<>();
        for (TypeCount c : a.counts()) {
            String at = Fmt.time(c.bucket());
            if (categories.isEmpty() || !categories.get(categories.size() - 1).equals(at)) {
                categories.add(at);
            }
            byType.computeIfAbsent(c.type(), t -> {
                XYChart.Series<String, Number> s = new XYChart.Series<>();
                s.setName(t);
                return s;
            }).getData().add(new XYChart.Data<>(at, c.count()));
        }
        chart.getData().clear();
        timeAxis.getCategories().setAll(categories);
        chart.getData().addAll(byType.values());
    }

    /** Bars of a round length giving at most about 60 of them over the range. */
    static Duration interval(TimeRange range) {
        long seconds = Duration.between(range.from(), range.to()).toSeconds() / 60;
        for (long s : new long[] {10, 30, 60, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600}) {
            if (seconds <= s) {
                return Duration.ofSeconds(s);
            }
        }
        return Duration.ofDays(1);
    }

    /** Writes the alerts listed to {@code file} as CSV ({@code s4fctl query alerts --output csv}). */
    public void export(Path file) {
        try {
            Files.writeString(file, QueryViews.alerts(found, OutputFormat.csv), StandardCharsets.UTF_8);
            status.setText(found.size() + " alerts written to " + file);
        } catch (IOException e) {
            status.setText("cannot write " + file + ": " + new UncheckedIOException(e).getMessage());
        }
    }

    public TableView<Alert> table() {
        return table;
    }

    public StackedBarChart<String, Number> chart() {
        return chart;
    }

    public Label status() {
        return status;
    }
}
