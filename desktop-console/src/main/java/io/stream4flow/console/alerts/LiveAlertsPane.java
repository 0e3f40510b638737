package io.stream4flow.console.alerts;

import io.stream4flow.console.ui.FilterBox;
import io.stream4flow.console.ui.Navigator;
import io.stream4flow.console.ui.Tables;
import io.stream4flow.schema.filter.FlowPredicate;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The live alerts: a virtualised table (only the visible rows are cells), newest first unless the analyst sorts by
 * a column, severity colours, the filter box, pause/resume and the counters; the details of the selected alert
 * below. A double click opens the host profile of the alert's source.
 */
public final class LiveAlertsPane extends BorderPane {
    private final TableView<Alert> table = Tables.table("Waiting for alerts from Kafka topic 'alerts'…");
    private final AlertDetailsPane details;

    public LiveAlertsPane(LiveAlerts alerts, AlertDetailsPane details, Navigator navigator) {
        this.details = details;
        table.setId("live-alerts");
        AlertColumns.install(table);
        SortedList<Alert> sorted = new SortedList<>(alerts.shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, a) -> {
            if (a != null) {
                details.show(a);
            }
        });
        table.setOnMouseClicked(e -> {
            Alert a = table.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && a != null && !a.srcIp().isEmpty()) {
                navigator.host(a.srcIp());
            }
        });

        FilterBox filter = new FilterBox("live-filter", "severity high, type ssh_bruteforce, src ip 10.0.0.1 and "
                + "dst port 22, not net 10.0.0.0/8 …", f -> alerts.filter(f == null ? null : FlowPredicate.of(f)));
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("pause");
        pause.selectedProperty().addListener((o, was, on) -> {
            alerts.pause(on);
            pause.setText(on ? "Resume" : "Pause");
        });
        Label counters = new Label();
        counters.setId("live-counters");
        counters.textProperty().bind(Bindings.createStringBinding(() -> String.format(
                "%d shown of %d live (cap %d) · %d received · %d updated in place · %d evicted · %d waiting",
                alerts.shown().size(), alerts.all().size(), alerts.cap(), alerts.received().get(),
                alerts.replaced().get(), alerts.evicted().get(), alerts.pending().get()),
                alerts.shown(), alerts.received(), alerts.replaced(), alerts.evicted(), alerts.pending()));
        HBox bar = new HBox(10, filter, pause);
        HBox.setHgrow(filter, javafx.scene.layout.Priority.ALWAYS);
        BorderPane top = new BorderPane(bar, null, null, counters, null);
        top.setPadding(new Insets(6));
        setTop(top);

        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    public TableView<Alert> table() {
        return table;
    }

    public AlertDetailsPane details() {
        return details;
    }
}
