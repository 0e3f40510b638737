package io.stream4flow.console.alerts;

import io.stream4flow.console.ui.Fmt;
import io.stream4flow.console.ui.Tables;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The columns and severity colours of an alert table (live and history). */
public final class AlertColumns {
    private AlertColumns() { }

    public static void install(TableView<Alert> table) {
        TableColumn<Alert, String> time = Tables.text("Time (UTC)", 140, a -> Fmt.time(a.time()));
        TableColumn<Alert, String> severity = Tables.text("Severity", 70, Alert::severity);
        severity.setComparator((x, y) -> Integer.compare(Alert.rank(x), Alert.rank(y)));
        table.getColumns().setAll(List.of(time, severity,
                Tables.text("Type", 150, Alert::type),
                Tables.text("Source", 120, Alert::srcIp),
                Tables.text("Target", 120, Alert::dstIp),
                Tables.text("Port", 50, a -> a.dstPort() < 0 ? "" : Integer.toString(a.dstPort())),
                Tables.count("Flows", 65, Alert::flows),
                Tables.count("Packets", 70, Alert::packets),
                Tables.count("Bytes", 70, Alert::bytes),
                Tables.count("Targets", 60, Alert::targets),
                Tables.text("Description", 420, Alert::description)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("sev-high", "sev-medium", "sev-low");
                if (!empty && a != null && !a.severity().isEmpty()) {
                    getStyleClass().add("sev-" + a.severity());
                }
            }
        });
    }
}
