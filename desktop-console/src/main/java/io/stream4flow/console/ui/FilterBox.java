package io.stream4flow.console.ui;

import io.stream4flow.schema.filter.FilterException;
import io.stream4flow.schema.filter.FilterExpr;
import io.stream4flow.schema.filter.FilterParser;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A filter in the language of {@code s4fctl query --filter} (nfdump's syntax: {@code src ip 10.0.0.1 and dst port
 * 22}, {@code severity high}, {@code type portscan_horizontal}, {@code not net 10.0.0.0/8}), applied on Enter.
 * A filter that does not parse keeps the previous one and says where it went wrong, as s4fctl does.
 */
public final class FilterBox extends HBox {
    private final TextField text = new TextField();
    private final Label error = new Label();
    private FilterExpr current;

    /**
     * @param id the text field's id ({@code ID-error}: the error's)
     * @param onFilter gets each new filter that parses (null: no filter)
     */
    public FilterBox(String id, String prompt, Consumer<FilterExpr> onFilter) {
        super(6);
        text.setId(id);
        error.setId(id + "-error");
        text.setPromptText(prompt);
        text.setPrefColumnCount(40);
        error.getStyleClass().add("error-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        getChildren().addAll(new Label("Filter"), text, error);
        text.setOnAction(e -> {
            if (parse()) {
                onFilter.accept(current);
            }
        });
    }

    /** Parses the text; false (and the error shown) when it does not parse. */
    public boolean parse() {
        String t = text.getText() == null ? "" : text.getText().strip();
        try {
            current = t.isEmpty() ? null : FilterParser.parse(t);
            error.setText("");
            return true;
        } catch (FilterException e) {
            error.setText("column " + e.column() + ": " + e.reason());
            return false;
        }
    }

    /** The last filter that parsed (null: none). */
    public FilterExpr filter() {
        return current;
    }

    public TextField field() {
        return text;
    }
}
