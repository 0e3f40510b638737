package io.stream4flow.console.ui;

import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Read-only table columns over a row type, the way every table of the console builds them. */
public final class Tables {
    private Tables() { }

    /** A column showing {@code text} of each row, sorted by that text. */
    public static <R> TableColumn<R, String> text(String title, double width, Function<R, String> text) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(text.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A column showing a count scaled as nfdump does, sorted by the number. */
    public static <R> TableColumn<R, Number> count(String title, double width, Function<R, Number> value) {
        TableColumn<R, Number> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Fmt.scaled(n.doubleValue()));
            }
        });
        c.setComparator(Comparator.comparingDouble(Number::doubleValue));
        c.setPrefWidth(width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** A table that fills its place, with {@code placeholder} while it is empty. */
    public static <R> TableView<R> table(String placeholder) {
        TableView<R> t = new TableView<>();
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        return t;
    }
}
