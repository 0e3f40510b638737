package io.stream4flow.console.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.flows.FlowPrinter;
import io.stream4flow.cli.flows.FlowReader;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.Fmt;
import io.stream4flow.console.ui.Navigator;
import io.stream4flow.console.ui.Tables;
import io.stream4flow.schema.Topics;
import io.stream4flow.schema.filter.FlowPredicate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One alert in full: its fields, its evidence (the detection's own JSON) and, on demand, the flows behind it: the
 * flows of the {@code flows} topic between its addresses (and port) from a minute before its window, read in the
 * background through the same reader and filter as {@code s4fctl flows}.
 */
public final class AlertDetailsPane extends HBox {
    /** How many flows "flows behind it" shows at most. */
    static final int FLOW_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Backends backends;
    private final GridPane fields = new GridPane();
    private final TextArea evidence = new TextArea();
    private final TableView<Map<String, Object>> flows = Tables.table("Select an alert, then 'Flows behind it'");
    private final Label flowStatus = new Label();
    private final Button srcHost = new Button("Source host");
    private final Button dstHost = new Button("Target host");
    private final Button behind = new Button("Flows behind it");
    private final AtomicReference<FlowReader> reading = new AtomicReference<>();
    private Alert shown;

    public AlertDetailsPane(Backends backends, Navigator navigator) {
        super(8);
        this.backends = backends;
        setId("alert-details");
        getStyleClass().add("pane");
        fields.setHgap(8);
        fields.setVgap(2);
        fields.setId("alert-fields");
        evidence.setEditable(false);
        evidence.setId("evidence");
        evidence.setPrefColumnCount(36);
        flows.setId("flows-behind");
        flowStatus.setId("flows-status");
        flows.getColumns().setAll(List.of(
                Tables.text("Date first seen", 140, f -> start(f)),
                Tables.text("Proto", 50, f -> FlowPrinter.protocol(number(f, "protocol"))),
                Tables.text("Src IP Addr:Port", 150, f -> FlowPrinter.endpoint(f.get("src_ip"), number(f, "src_port"))),
                Tables.text("Dst IP Addr:Port", 150, f -> FlowPrinter.endpoint(f.get("dst_ip"), number(f, "dst_port"))),
                Tables.count("Packets", 70, f -> orZero(number(f, "packets"))),
                Tables.count("Bytes", 70, f -> orZero(number(f, "bytes")))));
        srcHost.setOnAction(e -> navigator.host(shown.srcIp()));
        dstHost.setOnAction(e -> navigator.host(shown.dstIp()));
        behind.setId("flows-behind-button");
        behind.setOnAction(e -> flowsBehind());
        for (Button b : List.of(srcHost, dstHost, behind)) {
            b.setDisable(true);
        }
        Label title = new Label("Alert");
        title.getStyleClass().add("heading");
        VBox left = new VBox(6, title, fields, new HBox(6, srcHost, dstHost));
        VBox middle = new VBox(6, new Label("Evidence"), evidence);
        VBox.setVgrow(evidence, Priority.ALWAYS);
        VBox right = new VBox(6, new HBox(8, behind, flowStatus), flows);
        VBox.setVgrow(flows, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        getChildren().addAll(left, middle, right);
    }

    public void show(Alert a) {
        shown = a;
        fields.getChildren().clear();
        int row = 0;
        for (String[] f : List.of(
                new String[] {"id", a.id()}, new String[] {"time", Fmt.time(a.time())},
                new String[] {"type", a.type()}, new String[] {"severity", a.severity()},
                new String[] {"source", a.srcIp()}, new String[] {"target", a.dstIp()},
                new String[] {"port", a.dstPort() < 0 ? "" : Integer.toString(a.dstPort())},
                new String[] {"window", a.window()}, new String[] {"flows", Long.toString(a.flows())},
                new String[] {"packets", Long.toString(a.packets())}, new String[] {"bytes", Long.toString(a.bytes())},
                new String[] {"targets", Long.toString(a.targets())}, new String[] {"job", a.job()},
                new String[] {"description", a.description()})) {
            Label value = new Label(f[1]);
            value.setId("alert-" + f[0]);
            value.setWrapText(true);
            value.setMaxWidth(360);
            fields.addRow(row++, new Label(f[0]), value);
        }
        try {
            evidence.setText(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a.source().path("evidence")));
        } catch (JsonProcessingException e) {
            evidence.setText(a.source().path("evidence").toString());
        }
        srcHost.setDisable(a.srcIp().isEmpty());
        dstHost.setDisable(a.dstIp().isEmpty());
        behind.setDisable(filterOf(a).isEmpty());
        flows.getItems().clear();
        flowStatus.setText("");
        FlowReader r = reading.getAndSet(null);
        if (r != null) {
            r.stop();
        }
    }

    /** The filter of the flows behind {@code a}: its source, target and port, those it has. */
    static String filterOf(Alert a) {
        List<String> terms = new ArrayList<>();
        if (!a.srcIp().isEmpty()) {
            terms.add("src ip " + a.srcIp());
        }
        if (!a.dstIp().isEmpty()) {
            terms.add("dst ip " + a.dstIp());
        }
        if (a.dstPort() >= 0) {
            terms.add("dst port " + a.dstPort());
        }
        return String.join(" and ", terms);
    }

    /** Reads the flows behind the alert shown, in the background (nothing when none is shown). */
    public void flowsBehind() {
        Alert a = shown;
        if (a == null || filterOf(a).isEmpty()) {
            return;
        }
        String filter = filterOf(a);
        Instant since = a.windowStart().minus(Duration.ofMinutes(1));
        flowStatus.setText("reading flows " + filter + " since " + Fmt.time(since) + " …");
        flows.getItems().clear();
        backends.async(() -> {
            List<Map<String, Object>> found = new ArrayList<>();
            try (FlowReader r = FlowReader.open(backends.kafka(), Topics.FLOWS, since)) {
                reading.set(r);
                r.run(FlowPredicate.compile(filter), FLOW_LIMIT, false, found::add, () -> true);
                return found;
            }
        }, found -> {
            if (a != shown) {
                return;
            }
            flows.getItems().setAll(found);
            flowStatus.setText(found.size() + (found.size() == FLOW_LIMIT ? "+" : "") + " flows " + filter
                    + " since " + Fmt.time(since));
        }, e -> flowStatus.setText("flows: " + Backends.message(e)));
    }

    private static String start(Map<String, Object> f) {
        Long s = number(f, "flow_start");
        return s == null ? "-" : Fmt.time(Instant.ofEpochMilli(s));
    }

    static Long number(Map<String, ?> f, String key) {
        Object v = f.get(key);
        return v instanceof Number n ? n.longValue() : null;
    }

    private static Number orZero(Long v) {
        return v == null ? 0L : v;
    }

    public Label flowsStatus() {
        return flowStatus;
    }

    public TableView<Map<String, Object>> flows() {
        return flows;
    }
}
