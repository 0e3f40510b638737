package io.stream4flow.console.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cli.flows.FlowPrinter;
import io.stream4flow.cli.query.Document;
import io.stream4flow.cli.query.HostReport.LinkedAlert;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.Fmt;
import io.stream4flow.console.ui.Tables;
import io.stream4flow.schema.net.IpLiterals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One host: search an address (or arrive from any view): its daily profile (pick the day), traffic out and in per
 * hour, the heat strip of its flows per hour, ports offered and used, top peers, protocols, and the alerts it was
 * part of (as source or target).
 */
public final class HostProfilePane extends BorderPane {
    private final Backends backends;
    private final TextField address = new TextField();
    private final Label status = new Label();
    private final ComboBox<String> day = new ComboBox<>();
    private final GridPane figures = new GridPane();
    private final NumberAxis hourAxis = new NumberAxis(0, 23, 1);
    private final AreaChart<Number, Number> traffic = new AreaChart<>(hourAxis, new NumberAxis());
    private final HBox heat = new HBox(1);
    private final Label offered = new Label();
    private final Label used = new Label();
    private final TableView<Map.Entry<String, Long>> peers = Tables.table("no peers in the top-N statistics");
    private final TableView<Map.Entry<Integer, Long>> protocols = Tables.table("no recent flows");
    private final TableView<LinkedAlert> alerts = Tables.table("no alerts involve this host");
    private HostData data;

    public HostProfilePane(Backends backends) {
        this.backends = backends;
        setId("host-profile");
        address.setId("host-address");
        address.setPromptText("IPv4 or IPv6 address");
        address.setOnAction(e -> show(address.getText().strip()));
        Button go = new Button("Show");
        go.setOnAction(e -> show(address.getText().strip()));
        status.setId("host-status");
        day.setOnAction(e -> showDay());
        HBox search = new HBox(6, new Label("Host"), address, go, new Label("day"), day, status);
        search.setPadding(new Insets(6));
        setTop(search);

        figures.setId("host-figures");
        figures.setHgap(14);
        figures.setVgap(2);
        traffic.setId("host-traffic");
        traffic.setTitle("Bytes out and in per hour (UTC)");
        traffic.setAnimated(false);
        traffic.setPrefHeight(220);
        heat.setId("host-heat");
        heat.setPrefHeight(22);
        offered.setWrapText(true);
        used.setWrapText(true);
        offered.setId("host-ports-offered");
        used.setId("host-ports-used");
        peers.setId("host-peers");
        peers.getColumns().setAll(List.of(Tables.text("Peer", 140, Map.Entry::getKey),
                Tables.count("Flows", 70, Map.Entry::getValue)));
        protocols.setId("host-protocols");
        protocols.getColumns().setAll(List.of(
                Tables.text("Protocol", 90, e -> FlowPrinter.protocol((long) e.getKey())),
                Tables.count("Flows", 70, Map.Entry::getValue)));
        alerts.setId("host-alerts");
        alerts.getColumns().setAll(List.of(Tables.text("Time (UTC)", 140, a -> Fmt.time(a.time())),
                Tables.text("Type", 150, LinkedAlert::type), Tables.text("Severity", 70, LinkedAlert::severity),
                Tables.text("Role", 60, LinkedAlert::role), Tables.text("Id", 200, LinkedAlert::id)));
        for (TableView<?> t : List.of(peers, protocols, alerts)) {
            t.setPrefHeight(200);
        }
        HBox tables = new HBox(8, titled("Top peers (sent to, last 24 h)", peers),
                titled("Protocols (last 15 min of flows)", protocols), titled("Alerts (last 7 days)", alerts));
        HBox.setHgrow(tables.getChildren().get(2), Priority.ALWAYS);
        VBox body = new VBox(8, figures, traffic, new Label("Flows per hour"), heat,
                titled("Ports offered (as server)", offered), titled("Ports used (as client)", used), tables);
        body.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("heading");
        return new VBox(4, l, content);
    }

    /** Loads and shows {@code host}; an address that does not parse is said so. */
    public void show(String host) {
        address.setText(host);
        if (IpLiterals.parse(host) == null) {
            status.setText("'" + host + "' is not an IPv4 or IPv6 address");
            return;
        }
        status.setText("loading " + host + " …");
        backends.async(() -> HostData.load(host, backends.queries(), backends.kafka(), Instant.now()), d -> {
            data = d;
            List<String> days = new ArrayList<>();
            d.report().profiles().forEach(p -> days.add(p.text("day")));
            day.getItems().setAll(days);
            if (!days.isEmpty()) {
                day.setValue(days.get(0));
            }
            showDay();
            peers.getItems().setAll(d.peers());
            protocols.getItems().setAll(d.protocols().entrySet());
            alerts.getItems().setAll(d.report().linkedAlerts());
            status.setText(d.report().profiles().size() + " daily profiles, " + d.report().linkedAlerts().size()
                    + " alerts, " + d.recentFlows() + " recent flows"
                    + (d.protocolsError() == null ? "" : " (flows: " + d.protocolsError() + ")"));
        }, e -> status.setText(Backends.message(e)));
    }

    private void showDay() {
        Document p = null;
        if (data != null) {
            for (Document d : data.report().profiles()) {
                if (d.text("day").equals(day.getValue())) {
                    p = d;
                }
            }
        }
        figures.getChildren().clear();
        traffic.getData().clear();
        heat.getChildren().clear();
        offered.setText("");
        used.setText("");
        if (p == null) {
            figures.addRow(0, new Label(data == null ? "" : "no profile of " + data.host()
                    + " in the last 7 days (is the host_profile job running, and the host in its local-net?)"));
            return;
        }
        JsonNode s = p.source();
        int col = 0;
        for (String[] f : List.of(new String[] {"flows out", "flows_out"}, new String[] {"flows in", "flows_in"},
                new String[] {"packets out", "packets_out"}, new String[] {"packets in", "packets_in"},
                new String[] {"bytes out", "bytes_out"}, new String[] {"bytes in", "bytes_in"},
                new String[] {"peers", "peers"}, new String[] {"ports offered", "ports_offered_count"},
                new String[] {"ports used", "ports_used_count"})) {
            Label v = new Label(Fmt.scaled(s.path(f[1]).asDouble()));
            v.getStyleClass().add("figure");
            v.setId("host-" + f[1]);
            figures.add(new Label(f[0]), col, 0);
            figures.add(v, col++, 1);
        }
        figures.add(new Label("first seen " + seen(s.path("first_seen")) + " · last seen " + seen(s.path("last_seen"))),
                0, 2, col, 1);
        XYChart.Series<Number, Number> out = new XYChart.Series<>();
        out.setName("bytes out");
        XYChart.Series<Number, Number> in = new XYChart.Series<>();
        in.setName("bytes in");
        long[] flows = new long[24];
        for (JsonNode h : s.path("hours")) {
            int hour = h.path("hour").asInt();
            out.getData().add(new XYChart.Data<>(hour, h.path("bytes_out").asLong()));
            in.getData().add(new XYChart.Data<>(hour, h.path("bytes_in").asLong()));
            if (hour >= 0 && hour < 24) {
                flows[hour] = h.path("flows_out").asLong() + h.path("flows_in").asLong();
            }
        }
        traffic.getData().setAll(List.of(out, in));
        long max = 1;
        for (long f : flows) {
            max = Math.max(max, f);
        }
        for (int h = 0; h < 24; h++) {
            Region cell = new Region();
            cell.setPrefSize(28, 20);
            double share = flows[h] / (double) max;
            cell.setStyle("-fx-background-color: " + (flows[h] == 0 ? "#f0f0f0"
                    : String.format(java.util.Locale.ROOT, "rgba(164, 22, 26, %.2f)", 0.15 + 0.85 * share)) + ";");
            Tooltip.install(cell, new Tooltip(String.format("%02d:00 UTC: %d flows", h, flows[h])));
            heat.getChildren().add(cell);
        }
        offered.setText(list(s.path("ports_offered")));
        used.setText(list(s.path("ports_used")));
    }

    private static String seen(JsonNode v) {
        return v.isNumber() ? Fmt.time(Instant.ofEpochMilli(v.asLong())) : Fmt.time(v.asText(""));
    }

    private static String list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out.isEmpty() ? "none" : String.join(" ", out);
    }

    public HostData data() {
        return data;
    }

    public Label status() {
        return status;
    }
}
